using System.Collections.Concurrent;
using System.Security.Claims;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;

namespace KejiLive.Dashboard.Security;

/// <summary>Checks a KejiLive token: the configured admin token, or a stored one. A stored token is asked of the token
/// grain, and a token the grain accepted is believed for <see cref="CacheFor"/> (by the SHA-256 of the token, never the
/// token itself) so that not every request of a busy reporter queues at that one grain. Revoking a token through this web
/// node forgets it at once (<see cref="Forget"/>); another web node stops accepting it within <see cref="CacheFor"/>.</summary>
public sealed class TokenValidator(IGrainFactory grains, AdminTokenHash admin, TimeProvider time)
{
    /// <summary>How long a stored token the token grain accepted is accepted without asking again.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    /// <summary>Beyond this many remembered tokens, the expired ones are dropped (and all of them if none had expired).</summary>
    private const int MaxRemembered = 10_000;

    private readonly ConcurrentDictionary<string, Remembered> _accepted = new(StringComparer.Ordinal);

    private sealed record Remembered(TokenView View, Role Role, long UntilTicks);

    /// <summary>The principal and when the token expires (null for the configured admin token), or null when the token
    /// is unknown, revoked, expired or not a KejiLive token at all.</summary>
    public async Task<(ClaimsPrincipal Principal, DateTimeOffset? Expires)?> ValidateAsync(string token)
    {
        var hash = ApiTokens.Hash(token);
        if (admin.MatchesHash(hash))
        {
            return (KejiAuth.Principal(KejiAuth.ConfigAdminName, Role.Admin, null, KejiAuth.ConfigTokenId, KejiAuth.TokenScheme), null);
        }
        if (!ApiTokens.TryParse(token, out var id, out var secret)) return null;
        if (_accepted.TryGetValue(hash, out var known) && Environment.TickCount64 < known.UntilTicks && known.View.ExpiresAt > time.GetUtcNow())
        {
            return Principal(known.View, known.Role);
        }
        var view = await grains.GetGrain<ITokenGrain>(ITokenGrain.Key).ValidateAsync(id, secret);
        if (view is null || !ApiTokens.TryParseRole(view.Role, out var role))
        {
            _accepted.TryRemove(hash, out _);
            return null;
        }
        if (_accepted.Count >= MaxRemembered) Prune();
        _accepted[hash] = new Remembered(view, role, Environment.TickCount64 + (long)CacheFor.TotalMilliseconds);
        return Principal(view, role);
    }

    /// <summary>Forgets token <paramref name="tokenId"/> (just revoked): its next request asks the token grain.</summary>
    public void Forget(string tokenId)
    {
        foreach (var (hash, known) in _accepted)
        {
            if (known.View.Id == tokenId) _accepted.TryRemove(hash, out _);
        }
    }

    private void Prune()
    {
        var now = Environment.TickCount64;
        foreach (var (hash, known) in _accepted)
        {
            if (known.UntilTicks <= now) _accepted.TryRemove(hash, out _);
        }
        if (_accepted.Count >= MaxRemembered) _accepted.Clear();
    }

    private static (ClaimsPrincipal, DateTimeOffset?) Principal(TokenView view, Role role) =>
        (KejiAuth.Principal(view.Name, role, view.Unit, view.Id, KejiAuth.TokenScheme), view.ExpiresAt);
}
