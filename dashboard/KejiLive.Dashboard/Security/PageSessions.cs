using System.Collections.Concurrent;
using System.Security.Claims;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;
using Microsoft.Extensions.Options;

namespace KejiLive.Dashboard.Security;

/// <summary>Page sessions behind the session cookie: the cookie carries a random session id, never the token. Each
/// request finds the session (<see cref="ISessionGrain"/>) and then the token behind it, still active: signing out ends
/// the session, revoking the token ends every session it opened, and a session ends after
/// <see cref="AuthOptions.SessionLifetime"/> or with its token, whichever comes first. A session found running is believed
/// for <see cref="TokenValidator.CacheFor"/> without asking the grains again; signing out and revoking through this web
/// node forget it at once, another web node within that time.</summary>
public sealed class PageSessions(IGrainFactory grains, AdminTokenHash admin, IOptions<AuthOptions> options, TimeProvider time)
{
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, Remembered> _running = new(StringComparer.Ordinal);

    /// <summary>A running session as last found: who it acts for and until when this node believes it without asking.</summary>
    private sealed record Remembered(string TokenId, string Name, Role Role, string? Unit, DateTimeOffset Expires, long UntilTicks);

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
        if (_running.TryGetValue(key, out var known) && Environment.TickCount64 < known.UntilTicks && known.Expires > time.GetUtcNow())
        {
            return (Principal(known, key), known.Expires);
        }
        _running.TryRemove(key, out _);
        if (await grains.GetGrain<ISessionGrain>(key).GetAsync() is not { } session) return null;
        Remembered found;
        var until = Environment.TickCount64 + (long)TokenValidator.CacheFor.TotalMilliseconds;
        if (session.TokenId == KejiAuth.ConfigTokenId)
        {
            if (session.AdminFingerprint is not { } fingerprint || !admin.HasFingerprint(fingerprint)) return null;
            found = new Remembered(KejiAuth.ConfigTokenId, KejiAuth.ConfigAdminName, Role.Admin, null, session.ExpiresAt, until);
        }
        else
        {
            var token = await grains.GetGrain<ITokenGrain>(ITokenGrain.Key).GetActiveAsync(session.TokenId);
            if (token is null || !ApiTokens.TryParseRole(token.Role, out var role)) return null;
            found = new Remembered(token.Id, token.Name, role, token.Unit, session.ExpiresAt, until);
        }
        if (_running.Count >= MaxRemembered) Prune();
        _running[key] = found;
        return (Principal(found, key), session.ExpiresAt);
    }

    /// <summary>Forgets every session of token <paramref name="tokenId"/> (just revoked): their next request asks the grains.</summary>
    public void ForgetToken(string tokenId)
    {
        foreach (var (key, known) in _running)
        {
            if (known.TokenId == tokenId) _running.TryRemove(key, out _);
        }
    }

    private static ClaimsPrincipal Principal(Remembered session, string key)
    {
        var principal = KejiAuth.Principal(session.Name, session.Role, session.Unit, session.TokenId, KejiAuth.TokenScheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(KejiAuth.SessionClaim, key));
        return principal;
    }

    private void Prune()
    {
        var now = Environment.TickCount64;
        foreach (var (key, known) in _running)
        {
            if (known.UntilTicks <= now) _running.TryRemove(key, out _);
        }
        if (_running.Count >= MaxRemembered) _running.Clear();
    }

    /// <summary>Ends the session (sign out); nothing happens for an id that is not a running session.</summary>
    public Task EndAsync(string sessionId)
    {
        if (!SessionIds.IsWellFormed(sessionId)) return Task.CompletedTask;
        var key = SessionIds.Key(sessionId);
        _running.TryRemove(key, out _);
        return grains.GetGrain<ISessionGrain>(key).EndAsync();
    }
}
