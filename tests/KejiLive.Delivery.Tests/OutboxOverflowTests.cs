using System.Collections.Immutable;
using KejiLive.Delivery.Tests.Support;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.Delivery;

namespace KejiLive.Delivery.Tests;

/// <summary>A full outbox loses nothing it accepted: what arrives while the queue holds <c>Alerts:MaxPending</c> waits in
/// a bounded overflow stored apart from the queue, moves up in arrival order as sending frees room, survives a restart;
/// beyond the overflow an enqueue is refused and counted. Pure rules first, then a real cluster and receiver.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OutboxOverflowTests
{
    private static readonly DateTimeOffset T0 = DeliveryCluster.Start;

    [Theory]
    // waiting, max overflow, entries offered → taken?
    [InlineData(0, 2, 1, true)]
    [InlineData(1, 2, 1, true)]
    [InlineData(2, 2, 1, false)]
    [InlineData(1, 2, 2, false)] // a WeCom text + image pair is taken whole or not at all
    [InlineData(0, 0, 1, false)]
    public void Defer_TakesEntriesOnlyWhileTheyFit(int waiting, int maxOverflow, int offered, bool taken)
    {
        var overflow = new OutboxOverflowState { Waiting = Entries("w", waiting) };

        var result = OutboxOverflow.Defer(overflow, Entries("n", offered), maxOverflow);

        Assert.Equal(taken, result is not null);
        if (result is not null) Assert.Equal((waiting + offered, 1L), (result.Waiting.Length, result.DeferredCount));
    }

    [Theory]
    // pending, max pending, waiting → moved, pending after, still waiting
    [InlineData(3, 3, 2, 0, 3, 2)]
    [InlineData(2, 3, 2, 1, 3, 1)]
    [InlineData(0, 3, 2, 2, 2, 0)]
    [InlineData(0, 3, 0, 0, 0, 0)]
    public void Drain_MovesTheOldestWaitingWhileTheQueueHasRoom(int pending, int maxPending, int waiting, int moved, int pendingAfter, int left)
    {
        var state = new OutboxState { Pending = Entries("p", pending) };
        var overflow = new OutboxOverflowState { Waiting = Entries("w", waiting) };

        var (next, rest, count) = OutboxOverflow.Drain(state, overflow, maxPending, T0.AddMinutes(5));

        Assert.Equal((moved, pendingAfter, left), (count, next.Pending.Length, rest.Waiting.Length));
        Assert.Equal(Enumerable.Range(0, moved).Select(i => $"w{i}"), next.Pending.Skip(pending).Select(e => e.Key));
        Assert.All(next.Pending.Skip(pending), e => Assert.Equal(T0.AddMinutes(5), e.EnqueuedAt));
    }

    [Fact]
    public void Drain_WhenAnEntryReachedTheQueueBeforeACrash_OnlyRemovesItFromTheOverflow()
    {
        var state = new OutboxState { Pending = Entries("w", 1) };
        var overflow = new OutboxOverflowState { Waiting = Entries("w", 2) };

        var (next, rest, count) = OutboxOverflow.Drain(state, overflow, 5, T0);

        Assert.Equal(["w0", "w1"], next.Pending.Select(e => e.Key));
        Assert.Equal((2, 0), (count, rest.Waiting.Length));
    }

    [Fact]
    public async Task Outbox_WhenFull_DefersToTheOverflowThenRefuses_AndSendsEverythingTakenInOrderAfterARestart()
    {
        await using var rig = await DeliveryRig.StartAsync(startReceivers: false);
        rig.Settings["Alerts:MaxPending"] = "2";
        rig.Settings["Alerts:MaxOverflow"] = "2";
        await rig.RestartClusterAsync();
        var outbox = rig.Cluster.Outbox(DeliveryRig.WebhookId);
        string[] keys = ["o1", "o2", "o3", "o4", "o5"];

        var outcomes = new List<EnqueueOutcome>();
        foreach (var key in keys) outcomes.Add(await outbox.EnqueueAsync(Notifications.Opened(key)));
        var repeat = await outbox.EnqueueAsync(Notifications.Opened("o3"));
        var full = await outbox.GetStatusAsync();
        var queueRow = Assert.Single(StoredRows.Read(rig.DatabasePath, "outbox")).Payload;
        var overflowRow = Assert.Single(StoredRows.Read(rig.DatabasePath, "outbox-overflow")).Payload;

        await rig.RestartClusterAsync();
        await rig.Webhook.StartAsync();
        var done = await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Pending == 0 && s.Overflow == 0);

        Assert.Equal([EnqueueOutcome.Queued, EnqueueOutcome.Queued, EnqueueOutcome.Deferred, EnqueueOutcome.Deferred, EnqueueOutcome.Refused], outcomes);
        Assert.Equal(EnqueueOutcome.Duplicate, repeat);
        Assert.Equal((2, 2, 2L, 1L), (full.Pending, full.Overflow, full.Deferred, full.Refused));
        Assert.DoesNotContain("\"o3\"", queueRow, StringComparison.Ordinal);
        Assert.Contains("\"o3\"", overflowRow, StringComparison.Ordinal);
        Assert.Equal(["o1", "o2", "o3", "o4"], rig.Webhook.Accepted.Select(r => r.IdempotencyKey));
        Assert.Equal((4L, 1L, 2L), (done.Sent, done.Refused, done.Deferred));
    }

    private static ImmutableArray<OutboxEntry> Entries(string prefix, int count) =>
    [
        .. Enumerable.Range(0, count).Select(i => new OutboxEntry { Notification = Notifications.Opened($"{prefix}{i}"), EnqueuedAt = T0 }),
    ];
}
