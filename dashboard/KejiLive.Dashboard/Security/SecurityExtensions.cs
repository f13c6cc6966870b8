using System.Globalization;
using System.Threading.RateLimiting;
using KejiLive.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace KejiLive.Dashboard.Security;

/// <summary>Who may do what, and the guards in front of everything: tokens (and optionally OIDC JWTs), role policies,
/// a rate limit per token, request size limits and security headers. Nothing but health, the login page, static files
/// and the API description answers without a token.</summary>
public static class SecurityExtensions
{
    /// <summary>Largest request body the server reads at all (an Excel upload is the largest legitimate one).</summary>
    public const long MaxRequestBytes = 4 << 20;

    public static WebApplicationBuilder AddKejiSecurity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        var options = section.Get<AuthOptions>() ?? new AuthOptions();
        if (options.PermitsPerMinute < 1) throw new InvalidOperationException("Auth:PermitsPerMinute must be at least 1.");
        if (options.SessionLifetime <= TimeSpan.Zero) throw new InvalidOperationException("Auth:SessionLifetime must be positive (e.g. 12:00:00).");
        builder.Services.Configure<AuthOptions>(section);
        builder.Services.AddSingleton(new AdminTokenHash(options.AdminToken));
        builder.Services.AddSingleton<TokenValidator>();
        builder.Services.AddSingleton<PageSessions>();
        var network = builder.Configuration.GetSection(NetworkOptions.Section).Get<NetworkOptions>() ?? new NetworkOptions();
        var proxies = network.ParseKnownProxies();
        if (string.Equals(builder.Configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            // ASP.NET Core's switch trusts forwarded headers from any sender: a client could claim to be loopback or https.
            throw new InvalidOperationException("ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts every sender; remove it and list the proxies in Network:KnownProxies instead.");
        }
        builder.Services.AddSingleton(new KnownProxies(proxies));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBytes);

        var jwt = !string.IsNullOrWhiteSpace(options.Jwt.Authority);
        var authentication = builder.Services.AddAuthentication(KejiAuth.Scheme)
            .AddPolicyScheme(KejiAuth.Scheme, "KejiLive", o =>
            {
                o.ForwardDefaultSelector = http => jwt && LooksLikeJwt(http.Request) ? JwtBearerDefaults.AuthenticationScheme : KejiAuth.TokenScheme;
                // One way to say 401 / 403, whichever scheme authenticated.
                o.ForwardChallenge = KejiAuth.TokenScheme;
                o.ForwardForbid = KejiAuth.TokenScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(KejiAuth.TokenScheme, null);
        if (jwt) authentication.AddJwtBearer(o => ConfigureJwt(o, options.Jwt));

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(KejiAuth.Policies.Write, p => p.RequireRole(Role.Admin.Name(), Role.Unit.Name()))
            .AddPolicy(KejiAuth.Policies.Template, p => p.RequireRole(Role.Admin.Name(), Role.Leader.Name(), Role.Unit.Name()))
            .AddPolicy(KejiAuth.Policies.Oversee, p => p.RequireRole(Role.Admin.Name(), Role.Leader.Name()))
            .AddPolicy(KejiAuth.Policies.Admin, p => p.RequireRole(Role.Admin.Name()));

        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Limited(http.Request.Path)
                ? RateLimitPartition.GetTokenBucketLimiter(PartitionKey(http), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.PermitsPerMinute,
                    TokensPerPeriod = options.PermitsPerMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetNoLimiter("unlimited"));
            o.OnRejected = async (context, cancellation) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await TokenAuthenticationHandler.WriteProblemAsync(context.HttpContext.Response, 429, "请求过于频繁",
                    $"每个令牌每分钟最多 {options.PermitsPerMinute} 次请求；请稍后再试。");
            };
        });
        return builder;
    }

    /// <summary>Forwarded headers from known proxies, security headers, authentication, the rate limit and
    /// authorization, in that order. Call before static files (scripts and styles are public) and mapping endpoints.</summary>
    public static WebApplication UseKejiSecurity(this WebApplication app)
    {
        // First of all: the client's address and scheme as the known proxies in front say (nothing when none is known).
        var proxies = app.Services.GetRequiredService<KnownProxies>();
        if (proxies.Networks.Count > 0) app.UseForwardedHeaders(NetworkOptions.ForwardedHeaders(proxies.Networks));
        app.Use((http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            // The API reference page (Scalar) runs its own inline bootstrap script; everything else is 'self' only.
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/scalar")
                ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
                : "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
            if (http.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            return next(http);
        });
        // A session cookie acts only from this site's own pages: a foreign page must not write with it, nor open the hub
        // (a WebSocket is not bound by CORS, so the snapshot would reach the foreign page). A bearer token is not sent
        // by a browser on its own, so API clients keep working from anywhere.
        app.Use(async (http, next) =>
        {
            var request = http.Request;
            if (TokenAuthenticationHandler.NeedsSameOrigin(request) && TokenAuthenticationHandler.UsesSessionCookieOnly(request)
                && !SiteOrigin.IsSameOrigin(request, allowUnmarked: request.Path.StartsWithSegments("/hubs")))
            {
                await TokenAuthenticationHandler.WriteProblemAsync(http.Response, StatusCodes.Status403Forbidden, "来源不符",
                    "会话 Cookie 只接受本站页面发出的请求（Origin 须与本站的协议、主机和端口完全一致）；程序调用请用 Authorization: Bearer 令牌。");
                return;
            }
            await next(http);
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    private static bool Limited(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs")
        || path.StartsWithSegments("/reports") || path.StartsWithSegments("/metrics");

    private static string PartitionKey(HttpContext http) =>
        http.User.FindFirst(KejiAuth.TokenIdClaim)?.Value is { } token ? "token:" + token : "ip:" + http.Address();

    private static bool LooksLikeJwt(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim()
            : request.Path.StartsWithSegments("/hubs") ? request.Query["access_token"].ToString() : "";
        return token.Count(c => c == '.') == 2 && !token.StartsWith(ApiTokens.Prefix, StringComparison.Ordinal);
    }

    private static void ConfigureJwt(JwtBearerOptions o, AuthOptions.JwtOptions jwt)
    {
        o.Authority = jwt.Authority;
        o.Audience = jwt.Audience;
        o.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        o.MapInboundClaims = false;
        o.TokenValidationParameters.NameClaimType = "name";
        o.TokenValidationParameters.ValidateAudience = !string.IsNullOrEmpty(jwt.Audience);
        o.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                if (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                {
                    context.Token = token;
                }
                return Task.CompletedTask;
            },
            // The provider's claims become KejiLive's: a known role, and a unit that the plan will check per request.
            OnTokenValidated = context =>
            {
                var principal = context.Principal!;
                var roleText = principal.FindFirst(jwt.RoleClaim)?.Value;
                if (!ApiTokens.TryParseRole(roleText, out var role))
                {
                    context.Fail($"the token's '{jwt.RoleClaim}' claim must be admin | leader | unit | viewer");
                    return Task.CompletedTask;
                }
                var unit = principal.FindFirst(jwt.UnitClaim)?.Value;
                if (role == Role.Unit && string.IsNullOrEmpty(unit))
                {
                    context.Fail($"a unit reporter's token needs the '{jwt.UnitClaim}' claim");
                    return Task.CompletedTask;
                }
                var name = principal.FindFirst("name")?.Value ?? principal.FindFirst("preferred_username")?.Value
                    ?? principal.FindFirst("sub")?.Value ?? "oidc";
                var subject = principal.FindFirst("sub")?.Value ?? name;
                context.Principal = KejiAuth.Principal(name, role, role == Role.Unit ? unit : null, "oidc:" + subject, JwtBearerDefaults.AuthenticationScheme);
                return Task.CompletedTask;
            },
        };
    }
}
