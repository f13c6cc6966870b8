using System.Collections.Immutable;
using System.Net;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains.Tests;

/// <summary>The live feed's web nodes: one co-hosted in a silo membership declares dead is dropped (it died with the silo;
/// every message to it was a placement failure Orleans logged with its retries); live ones and separate web nodes stay.</summary>
public sealed class LiveSubscriberTests(SharedClusterFixture fixture) : IClassFixture<SharedClusterFixture>
{
    private static readonly SiloAddress Silo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 100);

    public static TheoryData<SiloStatus?, bool> Statuses => new()
    {
        // host status in the membership snapshot (null: no host, a separate web node) → died with its silo
        { null, false },
        { SiloStatus.Created, false },
        { SiloStatus.Joining, false },
        { SiloStatus.Active, false },
        { SiloStatus.ShuttingDown, false },
        { SiloStatus.Stopping, false },
        { SiloStatus.Dead, true },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void HostDied_OnlyWhenMembershipDeclaresTheHostDead(SiloStatus? status, bool died)
    {
        var members = ImmutableDictionary<SiloAddress, ClusterMember>.Empty;
        if (status is { } s) members = members.Add(Silo, new ClusterMember(Silo, s, "silo"));
        var subscriber = new LiveSubscriber { Observer = null!, Host = status is null ? null : Silo };
        Assert.Equal(died, LiveSubscribers.HostDied(subscriber, new ClusterMembershipSnapshot(members, new MembershipVersion(1))));
    }

    [Fact]
    public void HostDied_NotForASiloTheSnapshotDoesNotKnowYet()
    {
        var subscriber = new LiveSubscriber { Observer = null!, Host = Silo };
        Assert.False(LiveSubscribers.HostDied(subscriber, new ClusterMembershipSnapshot(ImmutableDictionary<SiloAddress, ClusterMember>.Empty, new MembershipVersion(1))));
    }

    [Fact]
    public async Task Feed_SendsToLiveAndSeparateNodes_NotToOneWhoseSiloMembershipDeclaresDead()
    {
        var client = fixture.Keji.Client;
        var live = fixture.Keji.Cluster.Silos[0].SiloAddress;
        // The same endpoint's earlier life: once its successor (the running silo) is a member, membership reads it as dead.
        var earlier = SiloAddress.New(live.Endpoint, live.Generation - 1);
        var registry = client.GetGrain<ILiveRegistryGrain>(GrainKeys.Plan(KejiCluster.Plan.Id));
        var (coHosted, separate, orphan) = (new Ear(), new Ear(), new Ear());
        var refs = new[] { coHosted, separate, orphan }.Select(e => client.CreateObjectReference<ILiveObserver>(e)).ToArray();
        try
        {
            await registry.SubscribeAsync(refs[0], live);
            await registry.SubscribeAsync(refs[1], null);
            await registry.SubscribeAsync(refs[2], earlier);

            var listed = await registry.GetObserversAsync();
            Assert.Contains(listed, s => s.Observer.Equals(refs[0]) && live.Equals(s.Host));
            Assert.Contains(listed, s => s.Observer.Equals(refs[1]) && s.Host is null);
            Assert.DoesNotContain(listed, s => s.Observer.Equals(refs[2]));

            var feed = client.GetGrain<ILiveFeedGrain>(0);
            var marker = new LiveChanges { PublishedAt = DateTimeOffset.UnixEpoch.AddDays(Random.Shared.Next(1, 10_000)) };
            // The feed reads the registry when its cached list is older than 2 s (250 ms while empty): publish until both
            // live nodes have heard one of these changes.
            await Eventually.Until(async () =>
            {
                await feed.PublishAsync(marker);
                return coHosted.Heard > 0 && separate.Heard > 0;
            }, heard => heard);
            // The feed sends to its nodes one after another: give a message to the third the time the others' took.
            await Task.Delay(500);
            Assert.Equal(0, orphan.Heard);
        }
        finally
        {
            foreach (var r in refs)
            {
                await registry.UnsubscribeAsync(r);
                client.DeleteObjectReference<ILiveObserver>(r);
            }
        }
    }

    private sealed class Ear : ILiveObserver
    {
        private int _heard;
        public int Heard => Volatile.Read(ref _heard);

        public Task OnChangesAsync(LiveChanges changes)
        {
            Interlocked.Increment(ref _heard);
            return Task.CompletedTask;
        }
    }
}
