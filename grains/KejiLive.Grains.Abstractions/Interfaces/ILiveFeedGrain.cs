using KejiLive.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Interfaces;

/// <summary>The push feed (a stateless worker, key 0): grains hand it their changes one-way and it forwards them to
/// every subscribed web node, so no grain talks to SignalR or waits on a browser.</summary>
public interface ILiveFeedGrain : IGrainWithIntegerKey
{
    [OneWay]
    Task PublishAsync(LiveChanges changes);
}
