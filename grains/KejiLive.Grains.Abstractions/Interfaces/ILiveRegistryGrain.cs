using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Interfaces;

/// <summary>The web nodes listening for changes (key: plan id). A node subscribes at start and again every
/// <see cref="Renew"/>; one not heard from for <see cref="Expiry"/> is dropped (it died or lost its subscription when
/// this grain moved silo), and one co-hosted in a silo as soon as membership declares that silo dead.</summary>
public interface ILiveRegistryGrain : IGrainWithStringKey
{
    /// <summary>How often a node renews its subscription: also how long a node's screens may go without changes after
    /// the silo holding this (in-memory) grain died and it re-activated empty elsewhere, so a few seconds (a tiny call).</summary>
    public static readonly TimeSpan Renew = TimeSpan.FromSeconds(2);

    /// <summary>How long a subscription lives without renewal.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(70);

    /// <summary>Subscribes or renews <paramref name="observer"/>; <paramref name="host"/> is the silo the node runs in
    /// (null for a separate web node).</summary>
    Task SubscribeAsync(ILiveObserver observer, SiloAddress? host);

    Task UnsubscribeAsync(ILiveObserver observer);

    /// <summary>The live subscriptions, for the feed grains to push to.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<LiveSubscriber>> GetObserversAsync();
}
