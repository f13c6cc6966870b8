using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Interfaces;

namespace KejiLive.Grains;

/// <summary>The web nodes subscribed to changes, each with the real time it last renewed. In memory only: a node that
/// finds this grain gone (silo restart, move) subscribes again within <see cref="ILiveRegistryGrain.Renew"/>.</summary>
public sealed class LiveRegistryGrain(TimeProvider time) : Grain, ILiveRegistryGrain
{
    private readonly Dictionary<ILiveObserver, DateTimeOffset> _observers = [];

    public Task SubscribeAsync(ILiveObserver observer)
    {
        _observers[observer] = time.GetUtcNow();
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ILiveObserver observer)
    {
        _observers.Remove(observer);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<ILiveObserver>> GetObserversAsync()
    {
        var cutoff = time.GetUtcNow() - ILiveRegistryGrain.Expiry;
        foreach (var stale in _observers.Where(o => o.Value < cutoff).Select(o => o.Key).ToList())
        {
            _observers.Remove(stale);
        }
        return Task.FromResult(_observers.Keys.ToImmutableArray());
    }
}
