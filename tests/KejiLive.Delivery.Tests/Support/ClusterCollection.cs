namespace KejiLive.Delivery.Tests.Support;

/// <summary>Tests that start clusters and receivers run one after another: two shared cores, real timeouts.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "delivery cluster";
}
