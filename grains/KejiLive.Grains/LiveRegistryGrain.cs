using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains;

/// <summary>The web nodes subscribed to changes, each with the real time it last renewed and the silo it runs in. In
/// memory only: a node that finds this grain gone (silo restart, move) subscribes again within
/// <see cref="ILiveRegistryGrain.Renew"/>. A node co-hosted in a silo membership has declared dead is dropped at once.</summary>
public sealed class LiveRegistryGrain(TimeProvider time, IClusterMembershipService membership) : Grain, ILiveRegistryGrain
{
    private readonly Dictionary<ILiveObserver, (DateTimeOffset Renewed, LiveSubscriber Subscriber)> _observers = [];

    public Task SubscribeAsync(ILiveObserver observer, SiloAddress? host)
    {
        _observers[observer] = (time.GetUtcNow(), new LiveSubscriber { Observer = observer, Host = host });
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(ILiveObserver observer)
    {
        _observers.Remove(observer);
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<LiveSubscriber>> GetObserversAsync()
    {
        var cutoff = time.GetUtcNow() - ILiveRegistryGrain.Expiry;
        var cluster = membership.CurrentSnapshot;
        foreach (var gone in _observers.Where(o => o.Value.Renewed < cutoff || LiveSubscribers.HostDied(o.Value.Subscriber, cluster)).Select(o => o.Key).ToList())
        {
            _observers.Remove(gone);
        }
        return Task.FromResult(_observers.Values.Select(o => o.Subscriber).ToImmutableArray());
    }
}
