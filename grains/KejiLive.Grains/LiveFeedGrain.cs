using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace KejiLive.Grains;

/// <summary>Forwards changes to every subscribed web node. A stateless worker: one activation per silo core at most,
/// so publishing never queues behind a single grain. The subscriber list is cached briefly (real time); each node
/// merges what it receives before it repaints screens.
/// <para>A node this activation has seen in the registry is kept for <see cref="ILiveRegistryGrain.Expiry"/> after it
/// was last listed, even when a read no longer lists it: the registry is in memory, and after the silo holding it
/// dies it comes back empty elsewhere until every node has renewed (a timed-out subscribe call on a node can take
/// seconds). Keeping the nodes this silo already knew means their screens do not go silent in that window; a node
/// that really left costs one dropped one-way message per change until it expires. A node co-hosted in a silo is dropped
/// as soon as this silo's membership view declares that silo dead: it died with it (each message to it was a placement
/// failure that Orleans logged with its retries).</para></summary>
[StatelessWorker]
public sealed class LiveFeedGrain(PlanDocument plan, IClusterMembershipService membership, ILogger<LiveFeedGrain> logger) : Grain, ILiveFeedGrain
{
    /// <summary>How long a read of the subscriber list is used (ms); an empty list is re-read sooner, so a node that
    /// just subscribed is found quickly without every publish asking the registry while nobody listens.</summary>
    private const long CacheMilliseconds = 2_000;
    private const long EmptyCacheMilliseconds = 250;

    /// <summary>How long a read of the subscriber list may take. When the registry's silo has just died, the read would
    /// wait until membership declares it dead (seconds, or Orleans' 30 s response timeout), and every change behind it
    /// with it; instead the last list is used (the web nodes' references do not change when the registry moves) and the
    /// registry is asked again after <see cref="RetryMilliseconds"/>.</summary>
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(1);
    private const long RetryMilliseconds = 1_000;

    private ImmutableArray<LiveSubscriber> _observers = [];
    private readonly Dictionary<ILiveObserver, (long At, LiveSubscriber Subscriber)> _lastListed = [];
    private long? _readAt;

    public async Task PublishAsync(LiveChanges changes)
    {
        var maxAge = _observers.IsEmpty ? EmptyCacheMilliseconds : CacheMilliseconds;
        if (_readAt is not { } readAt || Environment.TickCount64 - readAt > maxAge)
        {
            try
            {
                var listed = await GrainFactory.GetGrain<ILiveRegistryGrain>(GrainKeys.Plan(plan.Id)).GetObserversAsync().WaitAsync(ReadTimeout);
                _readAt = Environment.TickCount64;
                _observers = Remember(listed, _readAt.Value);
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                // Keep the last list; ask again soon (the read is due again once RetryMilliseconds have passed).
                _readAt = Environment.TickCount64 - maxAge + RetryMilliseconds;
            }
        }
        ForgetTheDead();
        // Real time, not the plan clock: the lag is measured against the receiving node's real clock.
        var stamped = changes with { PublishedAt = TimeProvider.System.GetUtcNow() };
        foreach (var subscriber in _observers)
        {
            // One-way: returns at once; a node that left costs one dropped message and expires from the registry.
            await subscriber.Observer.OnChangesAsync(stamped);
        }
    }

    /// <summary>Drops the nodes co-hosted in silos membership has declared dead (a dictionary lookup per node).</summary>
    private void ForgetTheDead()
    {
        var cluster = membership.CurrentSnapshot;
        if (!_observers.Any(s => LiveSubscribers.HostDied(s, cluster))) return;
        foreach (var dead in _observers.Where(s => LiveSubscribers.HostDied(s, cluster)))
        {
            _lastListed.Remove(dead.Observer);
            logger.LogInformation("Live feed: the web side of dead silo {Silo} dropped", dead.Host);
        }
        _observers = [.. _observers.Where(s => !LiveSubscribers.HostDied(s, cluster))];
    }

    /// <summary>The nodes to send to: those just listed, and those listed within the registry's expiry before.</summary>
    private ImmutableArray<LiveSubscriber> Remember(ImmutableArray<LiveSubscriber> listed, long now)
    {
        foreach (var subscriber in listed) _lastListed[subscriber.Observer] = (now, subscriber);
        var expiry = (long)ILiveRegistryGrain.Expiry.TotalMilliseconds;
        foreach (var gone in _lastListed.Where(o => now - o.Value.At > expiry).Select(o => o.Key).ToList()) _lastListed.Remove(gone);
        return _lastListed.Count == listed.Length ? listed : [.. _lastListed.Values.Select(o => o.Subscriber)];
    }
}
