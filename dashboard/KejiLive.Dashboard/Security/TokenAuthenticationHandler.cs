using System.Text.Encodings.Web;
using System.Text.Json;
using KejiLive.Dashboard.Endpoints;
using KejiLive.Dashboard.ErrorPages;
using KejiLive.Domain.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KejiLive.Dashboard.Security;

/// <summary>
/// Authenticates KejiLive tokens: <c>Authorization: Bearer</c>, the session cookie set by <c>POST /api/session</c>
/// (for pages; it holds a session id, see <see cref="PageSessions"/>), or <c>access_token</c> in the query on the hub
/// (browsers cannot send headers on a WebSocket).
/// </summary>
/// <remarks>
/// Stored tokens and page sessions are checked against their grains, and believed for <see cref="TokenValidator.CacheFor"/>
/// after that: a token revoked through this node stops working at once, through another node within that time.
/// A cookie session only writes, and only reaches the hub, from the same origin (<c>Sec-Fetch-Site</c> / <c>Origin</c>:
/// scheme, host and port), besides SameSite=Strict; see <see cref="SiteOrigin"/>.
/// Unauthenticated page requests are sent to <c>/login</c>; API requests get 401 problem+json.
/// </remarks>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenValidator validator,
    PageSessions sessions,
    IOptions<AuthOptions> auth) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private enum Source { Header, Cookie, Query }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var (token, source) = Find(Request);
        if (token is null)
        {
            return auth.Value.OpenReadingOnLoopback && Context.IsLoopback() && IsReadRequest(Request)
                ? Success(KejiAuth.Principal("本机访客（演示）", Role.Viewer, null, "loopback", "loopback"))
                : AuthenticateResult.NoResult();
        }
        if (source == Source.Cookie && NeedsSameOrigin(Request) && !SiteOrigin.IsSameOrigin(Request, allowUnmarked: IsHub(Request)))
        {
            // UseKejiSecurity answers these 403 before authentication; this is the second line.
            return AuthenticateResult.Fail("a session cookie writes and watches only from this site's own pages");
        }
        if (source == Source.Cookie)
        {
            return await sessions.ValidateAsync(token) is { } session
                ? Success(session.Principal, session.Expires)
                : AuthenticateResult.Fail("unknown or ended session, or its token was revoked or expired");
        }
        return await validator.ValidateAsync(token) is { } valid
            ? Success(valid.Principal, valid.Expires)
            : AuthenticateResult.Fail("unknown, revoked or expired token");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (IsPageRequest(Request))
        {
            Response.Redirect("/login?next=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(Response, 401, "需要令牌", "请在 Authorization: Bearer 中提供有效的 KejiLive 令牌（页面请先登录 /login）。");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(Response, 403, "无权操作", "此令牌的角色不允许这项操作。");

    /// <summary>problem+json with readable Chinese; a Chinese HTML page for a browser navigating (Accept: text/html).</summary>
    internal static Task WriteProblemAsync(HttpResponse response, int status, string title, string detail)
    {
        response.StatusCode = status;
        if (ErrorPage.Wanted(response.HttpContext.Request))
        {
            response.ContentType = "text/html; charset=utf-8";
            return response.WriteAsync(ErrorPage.Html(status, detail));
        }
        response.ContentType = "application/problem+json; charset=utf-8";
        return response.WriteAsync(JsonSerializer.Serialize(new { type = $"https://httpstatuses.io/{status}", title, status, detail }, ApiJson.Options));
    }

    /// <summary>A ticket that says when the token expires (the hub closes a connection at that moment).</summary>
    private AuthenticateResult Success(System.Security.Claims.ClaimsPrincipal principal, DateTimeOffset? expires = null) =>
        AuthenticateResult.Success(new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = expires }, Scheme.Name));

    private static (string? Token, Source Source) Find(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return (header["Bearer ".Length..].Trim(), Source.Header);
        if (request.Path.StartsWithSegments("/hubs") && request.Query["access_token"].ToString() is { Length: > 0 } query) return (query, Source.Query);
        if (request.Cookies[KejiAuth.CookieName] is { Length: > 0 } cookie) return (cookie, Source.Cookie);
        return (null, Source.Header);
    }

    private static bool IsSafeMethod(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

    /// <summary>GETs, and the hub (its negotiate is a POST, but every hub method only reads).</summary>
    private static bool IsReadRequest(HttpRequest request) => IsSafeMethod(request.Method) || request.Path.StartsWithSegments("/hubs");

    /// <summary>Whether the request would be authenticated by the session cookie alone (no bearer header, no
    /// <c>access_token</c> on the hub): the requests a foreign page can make a browser send.</summary>
    internal static bool UsesSessionCookieOnly(HttpRequest request) => Find(request) is { Token: not null, Source: Source.Cookie };

    /// <summary>What a session cookie may do only from this site's pages: every state change, and the hub (its
    /// WebSocket or polling stream carries the snapshots to whoever opened it).</summary>
    internal static bool NeedsSameOrigin(HttpRequest request) => !IsSafeMethod(request.Method) || IsHub(request);

    private static bool IsHub(HttpRequest request) => request.Path.StartsWithSegments("/hubs");

    /// <summary>A browser navigating to a page (not the API, the hub or a file): better a login page than a 401.</summary>
    private static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/hubs") && !request.Path.StartsWithSegments("/metrics")
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
}
