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

    private ImmutableArray<ILiveObserver> _observers = [];
    private long? _readAt;

    public async Task PublishAsync(LiveChanges changes)
    {
        var maxAge = _observers.IsEmpty ? EmptyCacheMilliseconds : CacheMilliseconds;
        if (_readAt is not { } readAt || Environment.TickCount64 - readAt > maxAge)
        {
            _observers = await GrainFactory.GetGrain<ILiveRegistryGrain>(GrainKeys.Plan(plan.Id)).GetObserversAsync();
            _readAt = Environment.TickCount64;
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
