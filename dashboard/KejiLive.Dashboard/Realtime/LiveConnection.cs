using Microsoft.AspNetCore.SignalR;

namespace KejiLive.Dashboard.Realtime;

/// <summary>One open hub connection and the credential behind it.</summary>
/// <param name="Context">The connection (to abort it).</param>
/// <param name="StoredTokenId">The token grain's id of its token; null for the configured admin token, loopback reading
/// and OIDC JWTs.</param>
/// <param name="ExpiresAt">When its credential expires, when known.</param>
/// <param name="SessionKey">The page session it was opened with (its grain key), when it came with the session cookie.</param>
internal sealed record LiveConnection(HubCallerContext Context, string? StoredTokenId, DateTimeOffset? ExpiresAt, string? SessionKey = null)
{
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}
