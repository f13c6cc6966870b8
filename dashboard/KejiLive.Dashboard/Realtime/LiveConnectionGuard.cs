using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KejiLive.Dashboard.Realtime;

/// <summary>Closes this web node's hub connections whose token was revoked or has expired, or whose page session ended: every
/// <see cref="Interval"/> it asks the token grain, in one call, which of the tokens behind its open connections are
/// still active. Every web node runs one, so a revocation reaches every node's connections within the interval. When the
/// token grain cannot be reached the connections stay open until the next check (a silo failover must not drop every
/// wall).</summary>
public sealed class LiveConnectionGuard(LiveConnections connections, IGrainFactory grains, TimeProvider time, ILogger<LiveConnectionGuard> logger)
    : BackgroundService
{
    /// <summary>How often the open connections' tokens are checked again.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Interval, time, stoppingToken);
                try
                {
                    await CloseInvalidAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not check the tokens of open hub connections; checking again in {Interval}", Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>The page sessions behind <paramref name="open"/> that ended (signed out, expired, unknown).</summary>
    private async Task<HashSet<string>> EndedSessionsAsync(IEnumerable<LiveConnection> open)
    {
        var keys = open.Select(c => c.SessionKey).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var running = await Task.WhenAll(keys.Select(async k => (Key: k, Running: await grains.GetGrain<ISessionGrain>(k).GetAsync() is not null)));
        return running.Where(r => !r.Running).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Aborts the open connections whose token (or page session) expired or is no longer active; returns how many.</summary>
    internal async Task<int> CloseInvalidAsync()
    {
        var open = connections.Snapshot();
        if (open.Count == 0) return 0;
        var now = time.GetUtcNow();
        var expired = open.Where(c => c.IsExpiredAt(now)).ToList();
        var ids = open.Where(c => !c.IsExpiredAt(now) && c.StoredTokenId is not null).Select(c => c.StoredTokenId!).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var active = ids.IsEmpty ? [] : (await grains.GetGrain<ITokenGrain>(ITokenGrain.Key).ActiveAsync(ids)).ToHashSet(StringComparer.Ordinal);
        var ended = await EndedSessionsAsync(open.Where(c => !c.IsExpiredAt(now)));
        var revoked = open.Where(c => !c.IsExpiredAt(now)
            && (c.StoredTokenId is { } id && !active.Contains(id) || c.SessionKey is { } session && ended.Contains(session))).ToList();
        foreach (var connection in expired.Concat(revoked)) connection.Context.Abort();
        if (expired.Count + revoked.Count > 0)
        {
            logger.LogInformation("Closed {Expired} hub connection(s) of expired and {Revoked} of revoked tokens ({Tokens})",
                expired.Count, revoked.Count, string.Join(", ", revoked.Select(c => c.StoredTokenId).Distinct()));
        }
        return expired.Count + revoked.Count;
    }
}
