using System.Net;
using System.Security.Claims;
using KejiLive.Domain.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KejiLive.Dashboard.Security;

/// <summary>Names the authentication and authorization pieces share: scheme, claims, policies, the session cookie.</summary>
public static class KejiAuth
{
    /// <summary>The scheme for KejiLive tokens (header, session cookie, or <c>access_token</c> on the hub).</summary>
    public const string TokenScheme = "KejiToken";

    /// <summary>The scheme that picks KejiLive tokens or, when configured, JWTs from an OIDC provider.</summary>
    public const string Scheme = "Keji";

    /// <summary>The page session cookie: a random session id (<see cref="PageSessions"/>), never a token.</summary>
    public const string CookieName = "keji_session";

    /// <summary>The grain key of the page session a request came with (only for cookie sessions).</summary>
    public const string SessionClaim = "keji:session";
    public const string UnitClaim = "keji:unit";
    public const string TokenIdClaim = "keji:token";

    /// <summary>The token id recorded for the configured admin token (<c>Auth:AdminToken</c>), which no grain stores.</summary>
    public const string ConfigTokenId = "config";

    /// <summary>The name the configured admin token acts under.</summary>
    public const string ConfigAdminName = "admin（Auth:AdminToken）";

    /// <summary>Policies by what they protect; reading needs only an authenticated caller (the fallback policy).</summary>
    public static class Policies
    {
        /// <summary>Reports, uploads, answers: admin or a unit reporter (whose unit the handler checks).</summary>
        public const string Write = "keji.write";

        /// <summary>Templates: admin, leader, or a unit reporter (own unit, checked by the handler).</summary>
        public const string Template = "keji.template";

        /// <summary>The office's work: closing 督办, confirming reviews, the audit, regenerating packs. Admin or leader.</summary>
        public const string Oversee = "keji.oversee";

        /// <summary>Silences, tokens: admin only.</summary>
        public const string Admin = "keji.admin";
    }

    public static ClaimsPrincipal Principal(string name, Role role, string? unit, string tokenId, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, name),
            new(ClaimTypes.Role, role.Name()),
            new(TokenIdClaim, tokenId),
        };
        if (unit is not null) claims.Add(new Claim(UnitClaim, unit));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>The caller's role; a principal without a known role claim is treated as a viewer.</summary>
    public static Role RoleOf(this ClaimsPrincipal user)
    {
        foreach (var claim in user.FindAll(ClaimTypes.Role))
        {
            if (ApiTokens.TryParseRole(claim.Value, out var role)) return role;
        }
        return Role.Viewer;
    }

    public static string? UnitOf(this ClaimsPrincipal user) => user.FindFirst(UnitClaim)?.Value;

    /// <summary>The grain key of the page session behind the caller, when it came with the session cookie.</summary>
    public static string? SessionKeyOf(this ClaimsPrincipal user) => user.FindFirst(SessionClaim)?.Value;

    /// <summary>The id of the stored token (the token grain's) the caller authenticated with, or null for the configured
    /// admin token, loopback reading and OIDC JWTs, which the token grain does not hold.</summary>
    public static string? StoredTokenId(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: TokenScheme }
        && user.FindFirst(TokenIdClaim)?.Value is { Length: > 0 } id && id != ConfigTokenId ? id : null;

    /// <summary>Whether the caller may perform <paramref name="operation"/> on <paramref name="unit"/>.</summary>
    public static bool May(this ClaimsPrincipal user, Operation operation, string? unit = null) =>
        user.Identity?.IsAuthenticated == true && Access.Allows(user.RoleOf(), user.UnitOf(), operation, unit);

    /// <summary>Who did it, as the audit and the stored reports record it.</summary>
    public static string ActorName(this HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true && http.User.Identity.Name is { Length: > 0 } name ? name : "anonymous";

    public static string Address(this HttpContext http) => http.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : "unknown";

    /// <summary>Whether the request really comes from this machine: from a loopback address, and not through a proxy:
    /// no forwarding header was sent, none was applied (the forwarded-headers step leaves <c>X-Original-*</c>), and the
    /// sender is not a known proxy. A proxy on this machine, known or not, forwards other people's requests.</summary>
    public static bool IsLoopback(this HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip)) return false;
        if (ForwardingHeaders.Any(h => http.Request.Headers.ContainsKey(h))) return false;
        var proxies = http.RequestServices.GetService<KnownProxies>()?.Networks ?? [];
        return !proxies.Any(n => n.Contains(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip));
    }

    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "Forwarded", "X-Real-IP", "X-Original-For", "X-Original-Proto"];
}
