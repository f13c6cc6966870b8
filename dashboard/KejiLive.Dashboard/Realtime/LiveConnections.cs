using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace KejiLive.Dashboard.Realtime;

/// <summary>This web node's open hub connections with the token each was opened with, so that a revoked or expired
/// token's connections can be found and closed (see <see cref="LiveConnectionGuard"/>).</summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, LiveConnection> _open = new(StringComparer.Ordinal);

    /// <summary>Open connections on this node.</summary>
    public int Count => _open.Count;

    internal void Add(HubCallerContext context, string? storedTokenId, DateTimeOffset? expiresAt, string? sessionKey = null) =>
        _open[context.ConnectionId] = new LiveConnection(context, storedTokenId, expiresAt, sessionKey);

    internal void Remove(string connectionId) => _open.TryRemove(connectionId, out _);

    internal LiveConnection? Find(string connectionId) => _open.TryGetValue(connectionId, out var connection) ? connection : null;

    internal IReadOnlyList<LiveConnection> Snapshot() => [.. _open.Values];
}
