using KejiLive.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Interfaces;

/// <summary>A web node listening for changes. One-way: a slow or dead node never holds up a grain.</summary>
public interface ILiveObserver : IGrainObserver
{
    [OneWay]
    Task OnChangesAsync(LiveChanges changes);
}
