using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace KejiLive.Grains;

/// <summary>Forwards changes to every subscribed web node. A stateless worker: one activation per silo core at most,
/// so publishing never queues behind a single grain. The subscriber list is cached briefly (real time) and re-read when
/// it is stale or empty; each node merges what it receives before it repaints screens.</summary>
[StatelessWorker]
public sealed class LiveFeedGrain(PlanDocument plan) : Grain, ILiveFeedGrain
{
    private static readonly long CacheMilliseconds = 2_000;

    private ImmutableArray<ILiveObserver> _observers = [];
    private long _readAt = long.MinValue;

    public async Task PublishAsync(LiveChanges changes)
    {
        var age = Environment.TickCount64 - _readAt;
        if (_observers.IsEmpty || age > CacheMilliseconds)
        {
            _observers = await GrainFactory.GetGrain<ILiveRegistryGrain>(GrainKeys.Plan(plan.Id)).GetObserversAsync();
            _readAt = Environment.TickCount64;
        }
        foreach (var observer in _observers)
        {
            // One-way: returns at once; a dead node costs nothing here and expires from the registry.
            await observer.OnChangesAsync(changes);
        }
    }
}
