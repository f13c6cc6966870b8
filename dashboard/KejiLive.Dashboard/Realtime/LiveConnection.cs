using Microsoft.AspNetCore.SignalR;

namespace KejiLive.Dashboard.Realtime;

/// <summary>One open hub connection and the credential behind it.</summary>
/// <param name="Context">The connection (to abort it).</param>
/// <param name="StoredTokenId">The token grain's id of its token; null for the configured admin token, loopback reading
/// and OIDC JWTs.</param>
/// <param name="ExpiresAt">When its credential expires, when known.</param>
internal sealed record LiveConnection(HubCallerContext Context, string? StoredTokenId, DateTimeOffset? ExpiresAt)
{
    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;
}
