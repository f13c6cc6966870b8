using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using KejiLive.Grains;
using KejiLive.Grains.Alerts;
using KejiLive.Grains.Delivery;
using KejiLive.Grains.Reports;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Reports;
using KejiLive.Storage.Sqlite;

namespace KejiLive.Silo;

/// <summary>How this host runs the cluster: one silo on this machine with the embedded SQLite storage under
/// <c>Data:Directory</c> (default <c>./data</c>), listening on <c>Orleans:SiloPort</c> (11111) and
/// <c>Orleans:GatewayPort</c> (30000, where extra web nodes connect as clients).</summary>
public static class SiloExtensions
{
    public const string DatabaseFile = "keji.db";

    public static WebApplicationBuilder AddKejiSilo(this WebApplicationBuilder builder, PlanDocument plan)
    {
        var dataDirectory = Path.GetFullPath(builder.Configuration["Data:Directory"] is { Length: > 0 } configured ? configured : "data",
            builder.Environment.ContentRootPath);
        var siloPort = builder.Configuration.GetValue("Orleans:SiloPort", 11111);
        var gatewayPort = builder.Configuration.GetValue("Orleans:GatewayPort", 30000);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort, gatewayPort)
            .AddSqliteGrainStorage(StorageNames.Keji, o => o.DatabasePath = Path.Combine(dataDirectory, DatabaseFile))
            .AddKejiGrains(plan)
            .AddKejiWeeklyPacks(builder.Configuration, new WeeklyPackRenderer())
            .AddKejiDelivery(builder.Configuration));
        builder.Services.Configure<AlertRoutingOptions>(builder.Configuration.GetSection(AlertRoutingOptions.Section));
        builder.Services.AddSingleton<IProgressChartRenderer, AlertChartRenderer>();
        builder.Services.AddSingleton<IAuditStore>(_ => new SqliteAuditStore(Path.Combine(dataDirectory, SqliteAuditStore.FileName)));
        builder.Services.AddHostedService<ChartFontLog>();
        builder.Services.AddHostedService<SecurityBootstrap>();
        return builder;
    }
}
