using System.Security.Claims;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;
using Microsoft.Extensions.Options;

namespace KejiLive.Dashboard.Security;

/// <summary>Page sessions behind the session cookie: the cookie carries a random session id, never the token. Each
/// request finds the session (<see cref="ISessionGrain"/>) and then the token behind it, still active: signing out ends
/// the session, revoking the token ends every session it opened, and a session ends after
/// <see cref="AuthOptions.SessionLifetime"/> or with its token, whichever comes first.</summary>
public sealed class PageSessions(IGrainFactory grains, AdminTokenHash admin, IOptions<AuthOptions> options)
{
    /// <summary>Starts a session for a token that was just validated; returns the session id for the cookie and when it ends.</summary>
    public async Task<(string SessionId, DateTimeOffset ExpiresAt)> StartAsync(ClaimsPrincipal user, DateTimeOffset? tokenExpires)
    {
        var tokenId = user.FindFirst(KejiAuth.TokenIdClaim)?.Value ?? throw new InvalidOperationException("a token principal names its token");
        var id = SessionIds.New();
        var session = await grains.GetGrain<ISessionGrain>(SessionIds.Key(id)).StartAsync(
            tokenId, tokenId == KejiAuth.ConfigTokenId ? admin.Fingerprint : null, options.Value.SessionLifetime, tokenExpires);
        return (id, session.ExpiresAt);
    }

    /// <summary>The principal of a running session whose token is still active, and when the session ends; null otherwise.</summary>
    public async Task<(ClaimsPrincipal Principal, DateTimeOffset Expires)?> ValidateAsync(string sessionId)
    {
        if (!SessionIds.IsWellFormed(sessionId)) return null;
        var key = SessionIds.Key(sessionId);
        if (await grains.GetGrain<ISessionGrain>(key).GetAsync() is not { } session) return null;
        ClaimsPrincipal principal;
        if (session.TokenId == KejiAuth.ConfigTokenId)
        {
            if (session.AdminFingerprint is not { } fingerprint || !admin.HasFingerprint(fingerprint)) return null;
            principal = KejiAuth.Principal(KejiAuth.ConfigAdminName, Role.Admin, null, KejiAuth.ConfigTokenId, KejiAuth.TokenScheme);
        }
        else
        {
            var token = await grains.GetGrain<ITokenGrain>(ITokenGrain.Key).GetActiveAsync(session.TokenId);
            if (token is null || !ApiTokens.TryParseRole(token.Role, out var role)) return null;
            principal = KejiAuth.Principal(token.Name, role, token.Unit, token.Id, KejiAuth.TokenScheme);
        }
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(KejiAuth.SessionClaim, key));
        return (principal, session.ExpiresAt);
    }

    /// <summary>Ends the session (sign out); nothing happens for an id that is not a running session.</summary>
    public Task EndAsync(string sessionId) =>
        SessionIds.IsWellFormed(sessionId) ? grains.GetGrain<ISessionGrain>(SessionIds.Key(sessionId)).EndAsync() : Task.CompletedTask;
}
