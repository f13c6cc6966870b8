using KejiLive.Grains.Abstractions.Interfaces;

namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>A web node listening for changes, with the silo it runs in when it is co-hosted in one (none for a separate
/// web node, which reaches the cluster through whichever gateway it is connected to). A co-hosted node dies with its
/// silo: once membership declares that silo dead, nothing more is sent to it.</summary>
[GenerateSerializer, Alias("keji.live-subscriber")]
public sealed record LiveSubscriber
{
    [Id(0)] public required ILiveObserver Observer { get; init; }

    /// <summary>The silo the node runs in; null for a separate web node.</summary>
    [Id(1)] public SiloAddress? Host { get; init; }
}
