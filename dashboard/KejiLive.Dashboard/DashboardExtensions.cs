using System.Text.Json;
using KejiLive.Dashboard.Endpoints;
using KejiLive.Dashboard.Observability;
using KejiLive.Dashboard.OpenApi;
using KejiLive.Dashboard.Realtime;
using KejiLive.Dashboard.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Scalar.AspNetCore;

namespace KejiLive.Dashboard;

/// <summary>Wires the web side: the HTTP contract, health, metrics and the API reference. The host provides an
/// <see cref="IGrainFactory"/> (co-hosted silo or Orleans client), the plan and the plan clock.</summary>
public static class DashboardExtensions
{
    public static WebApplicationBuilder AddKejiDashboard(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // Browsers navigating get Chinese error pages; API clients keep getting problem+json (the default writer after it).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, ErrorPages.HtmlProblemWriter>());
        services.AddProblemDetails();
        // A call the cluster cannot serve for a moment (a silo died, no gateway) answers 503 + Retry-After, not 500.
        services.AddExceptionHandler<Hosting.ClusterUnavailableHandler>();
        services.Configure<JsonOptions>(o => ApiJson.Configure(o.SerializerOptions));
        services.AddKejiOpenApi();
        services.AddSingleton<KejiMetrics>();
        services.AddSingleton<OfficeMetrics>();
        services.AddHostedService(sp => sp.GetRequiredService<OfficeMetrics>());
        services.AddSingleton<AuditTrail>();
        builder.AddKejiSecurity();
        services.TryAddSingleton(TimeProvider.System);
        // Every hub method re-checks the caller's token; the guard closes a revoked or expired token's connections.
        services.AddSignalR(o => o.AddFilter<LiveTokenFilter>()).AddJsonProtocol(o => ApiJson.Configure(o.PayloadSerializerOptions));
        services.AddSingleton<LiveConnections>();
        services.AddSingleton<LiveTokenFilter>();
        services.AddSingleton<LiveConnectionGuard>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveConnectionGuard>());
        services.AddSingleton<LiveAlertScopes>();
        services.AddSingleton<LiveBroadcaster>();
        services.AddSingleton<LiveViews>();
        services.AddSingleton<LiveObserver>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveObserver>());
        services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");
        // GET /api/plan grows with the units (4.25 MB of JSON at 2,850 units): it is served compressed (see MapKejiDashboard).
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        // service_name (target_info on /metrics): OTEL_SERVICE_NAME, else "kejilive".
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } configured ? configured : "kejilive";
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: typeof(DashboardExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
            .AddMeter(KejiMetrics.MeterName, OrleansMetricHelp.MeterName)
            .AddAspNetCoreInstrumentation()
            // Help text for Orleans' instruments that have none (promtool: "no help text").
            .AddView(OrleansMetricHelp.View)
            .AddView("keji.ingest.duration", new ExplicitBucketHistogramConfiguration
            {
                // Seconds: an answer waits for one fsync, so most land between 1 and 50 ms.
                Boundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            })
            .AddView("keji.live.feed.lag", new ExplicitBucketHistogramConfiguration
            {
                // Seconds: a change crosses one grain call and one observer message.
                Boundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            })
            // Reports by unit and channel: the unit label only takes the plan's units (else "unknown"), so its series are
            // bounded by the plan, but a national plan (2,850 units × 2 channels) passes the SDK's default of 2,000 series
            // per metric, past which every further unit's count went to one overflow series.
            .AddView("keji.reports.accepted", new MetricStreamConfiguration { CardinalityLimit = KejiMetrics.UnitSeriesLimit })
            .AddView("keji.reports.rejected", new MetricStreamConfiguration { CardinalityLimit = KejiMetrics.UnitSeriesLimit })
            // No cached scrape: a scrape right after a change (or a refresh of the office snapshot) shows it.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return builder;
    }

    /// <summary>The plan's route, served compressed when the client accepts it (br, gzip).</summary>
    public const string PlanPath = "/api/plan";

    public static WebApplication MapKejiDashboard(this WebApplication app)
    {
        // Errors answer as problem+json without stack traces or internals, in every environment.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // Scripts, styles and fonts are public; everything after this line needs a token unless it says AllowAnonymous.
        app.UseStaticFiles(new StaticFileOptions { FileProvider = Pages.Files });
        app.UseKejiSecurity();
        // Compressed only where it pays and carries no secret: an answer holding a token beside reflected input invites
        // BREACH, so compression is not switched on for every route.
        app.UseWhen(c => HttpMethods.IsGet(c.Request.Method) && c.Request.Path.Equals(PlanPath, StringComparison.OrdinalIgnoreCase),
            b => b.UseResponseCompression());
        app.MapOpenApi().AllowAnonymous();
        // Scalar speaks the locale it is given where it has built-in translations (its chrome), else English.
        app.MapScalarApiReference(o => o.WithTitle("KejiLive 接口文档").WithLocalization(new ScalarLocalizationOptions { Locale = "zh-CN" }).DisableDefaultFonts()).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics");
        // The hub's gauge exists from the start, not from the first report.
        _ = app.Services.GetRequiredService<KejiMetrics>();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapSecurityEndpoints();
        app.MapReportEndpoints();
        app.MapFillingEndpoints();
        app.MapQueryEndpoints();
        app.MapTrajectoryEndpoints();
        app.MapAlertEndpoints();
        app.MapReviewEndpoints();
        app.MapWeeklyReportEndpoints();
        app.MapWhatIfEndpoints();
        // A connection also ends when its credential's ticket expires (JWTs and stored tokens carry ExpiresUtc).
        app.MapHub<LiveHub>("/hubs/live", o => o.CloseOnAuthenticationExpiration = true);
        app.MapPages();
        app.MapWallPages();
        app.MapGet("/", () => Pages.Page("index.html")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static Task WriteHealthAsync(HttpContext http, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, ApiJson.Options));
    }
}
