namespace KejiLive.Api.Tests.Support;

/// <summary>The tests that run real silo and web-node processes (<see cref="RestartTests"/>, <see cref="ClusterTests"/>:
/// three silos, a web node, Redis and PostgreSQL at once). They run alone, after the other collections, so that on a
/// 2-core machine they do not share the cores with the other tests' in-process systems: twice in a row the cluster test's
/// failover failed while the rest of the suite ran beside it (no survivor ran the judging sweep within 150 s of the
/// kill), and run alone the same build passed twice (the whole test in under 2 minutes).</summary>
[CollectionDefinition(RestartTests.Name, DisableParallelization = true)]
public sealed class RealProcessCollection;
