using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains;

/// <summary>Which web nodes can no longer hear changes.</summary>
public static class LiveSubscribers
{
    /// <summary>True when <paramref name="subscriber"/> runs in a silo that <paramref name="cluster"/> declares dead: it
    /// died with its silo and will never renew. A silo the snapshot does not know yet (one just joining) is not dead; a
    /// separate web node (no host) is judged by its renewals alone.</summary>
    public static bool HostDied(LiveSubscriber subscriber, ClusterMembershipSnapshot cluster) =>
        subscriber.Host is { } host && cluster.GetSiloStatus(host) == SiloStatus.Dead;
}
