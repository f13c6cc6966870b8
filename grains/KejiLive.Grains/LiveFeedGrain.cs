using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace KejiLive.Grains;

/// <summary>Forwards changes to every subscribed web node. A stateless worker: one activation per silo core at most,
/// so publishing never queues behind a single grain. The subscriber list is cached briefly (real time); each node
/// merges what it receives before it repaints screens.</summary>
[StatelessWorker]
public sealed class LiveFeedGrain(PlanDocument plan) : Grain, ILiveFeedGrain
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

    private ImmutableArray<ILiveObserver> _observers = [];
    private long? _readAt;

    public async Task PublishAsync(LiveChanges changes)
    {
        var maxAge = _observers.IsEmpty ? EmptyCacheMilliseconds : CacheMilliseconds;
        if (_readAt is not { } readAt || Environment.TickCount64 - readAt > maxAge)
        {
            try
            {
                _observers = await GrainFactory.GetGrain<ILiveRegistryGrain>(GrainKeys.Plan(plan.Id)).GetObserversAsync().WaitAsync(ReadTimeout);
                _readAt = Environment.TickCount64;
            }
            catch (Exception e) when (e is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException)
            {
                // Keep the last list; ask again soon (the read is due again once RetryMilliseconds have passed).
                _readAt = Environment.TickCount64 - maxAge + RetryMilliseconds;
            }
        }
        // Real time, not the plan clock: the lag is measured against the receiving node's real clock.
        var stamped = changes with { PublishedAt = TimeProvider.System.GetUtcNow() };
        foreach (var observer in _observers)
        {
            // One-way: returns at once; a dead node costs nothing here and expires from the registry.
            await observer.OnChangesAsync(stamped);
        }
    }
}
