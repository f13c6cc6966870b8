using KejiLive.Delivery.Tests.Support;
using KejiLive.Grains.Abstractions.Delivery;

namespace KejiLive.Delivery.Tests;

/// <summary>The outbox's promises on a real cluster with real receivers: durable enqueue, order, idempotency, retries
/// with backoff, rate limits folded into digests, a receiver down for ten minutes, a silo restart mid-queue.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OutboxTests
{
    private static readonly string[] Keys = ["k1", "k2", "k3", "k4", "k5", "k6"];

    [Fact]
    public async Task Enqueue_WhenAnswered_IsStoredAndSentAfterARestartBeforeAnySend()
    {
        await using var rig = await DeliveryRig.StartAsync();
        await rig.Cluster.Outbox(DeliveryRig.WebhookId).EnqueueAsync(Notifications.Opened("durable"));

        await rig.RestartClusterAsync();
        var before = await rig.Cluster.Outbox(DeliveryRig.WebhookId).GetStatusAsync();
        await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Pending == 0);

        Assert.Equal("durable", Assert.Single(before.Entries).IdempotencyKey);
        Assert.Equal(["durable"], rig.Webhook.Accepted.Select(r => r.IdempotencyKey));
    }

    [Fact]
    public async Task Outbox_WhenSeveralQueued_DeliversInEnqueueOrderAndIgnoresRepeatedKeys()
    {
        await using var rig = await DeliveryRig.StartAsync();
        var outbox = rig.Cluster.Outbox(DeliveryRig.WebhookId);
        foreach (var key in Keys) await outbox.EnqueueAsync(Notifications.Opened(key));
        Assert.Equal(EnqueueOutcome.Duplicate, await outbox.EnqueueAsync(Notifications.Opened("k3")));

        await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Pending == 0);
        Assert.Equal(EnqueueOutcome.Duplicate, await outbox.EnqueueAsync(Notifications.Opened("k1")));
        var status = await rig.Cluster.SettleAsync(DeliveryRig.WebhookId);

        Assert.Equal(Keys, rig.Webhook.Accepted.Select(r => r.IdempotencyKey));
        Assert.Equal((0, 6L), (status.Pending, status.Sent));
    }

    [Fact]
    public async Task Outbox_WhenReceiverAnswers500_RetriesAfter2Then4Then8SecondsAndDeliversOnce()
    {
        await using var rig = await DeliveryRig.StartAsync();
        rig.Webhook.Respond = (n, _) => n < 3 ? (500, "down for maintenance") : (200, "");

        await rig.Cluster.Outbox(DeliveryRig.WebhookId).EnqueueAsync(Notifications.Opened("retry"));
        await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Pending == 0);

        var times = rig.Webhook.Received.Select(r => r.At).ToList();
        Assert.Equal([2.0, 4.0, 8.0], times.Zip(times.Skip(1), (a, b) => (b - a).TotalSeconds));
        Assert.Single(rig.Webhook.Accepted);
    }

    [Theory]
    [InlineData(DeliveryRig.WeComId, """{"errcode":45009,"errmsg":"api freq out of limit"}""")]
    [InlineData(DeliveryRig.DingTalkId, """{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}""")]
    public async Task Robot_WhenItAnswersItsRateLimitCode_BacksOffAndDeliversOnce(string contactPoint, string rateLimited)
    {
        await using var rig = await DeliveryRig.StartAsync();
        var robot = contactPoint == DeliveryRig.WeComId ? rig.WeCom : rig.DingTalk;
        robot.Respond = (n, _) => n < 2 ? (200, rateLimited) : FakeReceiver.RobotOk;

        await rig.Cluster.Outbox(contactPoint).EnqueueAsync(Notifications.Opened("limited"));
        var status = await rig.Cluster.DriveUntilAsync(contactPoint, s => s.Pending == 0);

        Assert.Equal(3, robot.Received.Count);
        Assert.Single(robot.Accepted);
        Assert.Equal(3, status.Entries.Single().Attempts);
        Assert.Empty(robot.Violations);
    }

    [Fact]
    public async Task Robot_When25NotificationsArriveAtOnce_GetsAtMost20MessagesAndEveryNotification()
    {
        await using var rig = await DeliveryRig.StartAsync();
        var outbox = rig.Cluster.Outbox(DeliveryRig.WeComId);
        var keys = Burst(("360702", "章贡区", 10), ("360703", "南康区", 8), ("360704", "赣县区", 7)).ToList();
        foreach (var n in keys) await outbox.EnqueueAsync(n);

        var status = await rig.Cluster.DriveUntilAsync(DeliveryRig.WeComId, s => s.Pending == 0);

        var texts = rig.WeCom.Accepted.Select(r => r.Json.GetProperty("markdown").GetProperty("content").GetString()!).ToList();
        Assert.InRange(texts.Count, 1, 20);
        Assert.All(keys, n => Assert.Single(texts, t => t.Contains($"（{n.IdempotencyKey}）", StringComparison.Ordinal)));
        Assert.Contains(texts, t => t.StartsWith("### 章贡区督办消息汇总（10 条）", StringComparison.Ordinal));
        Assert.Equal(10, status.Folded);
        Assert.Empty(rig.WeCom.Violations);
    }

    [Fact]
    public async Task Robot_WhenNotificationsTrickleFasterThanTheLimit_NoMinuteExceeds20AndNothingIsLost()
    {
        await using var rig = await DeliveryRig.StartAsync();
        var outbox = rig.Cluster.Outbox(DeliveryRig.WeComId);
        var all = Burst(("360702", "章贡区", 12), ("360703", "南康区", 10), ("360704", "赣县区", 8)).ToList();
        foreach (var n in all)
        {
            await outbox.EnqueueAsync(n);
            rig.Time.Advance(TimeSpan.FromSeconds(2));
            await rig.Cluster.SettleAsync(DeliveryRig.WeComId);
        }
        await rig.Cluster.DriveUntilAsync(DeliveryRig.WeComId, s => s.Pending == 0);

        var accepted = rig.WeCom.Accepted;
        Assert.All(accepted, r => Assert.InRange(accepted.Count(o => o.At > r.At - TimeSpan.FromMinutes(1) && o.At <= r.At), 1, 20));
        var texts = accepted.Select(r => r.Json.GetProperty("markdown").GetProperty("content").GetString()!).ToList();
        Assert.All(all, n => Assert.Single(texts, t => t.Contains($"（{n.IdempotencyKey}）", StringComparison.Ordinal)));
        Assert.True(accepted.Count < all.Count, "some notifications were folded into digests");
    }

    [Fact]
    public async Task Webhook_WhenReceiverIsDownTenMinutes_GetsEverythingOnceInOrderWhenBack()
    {
        await using var rig = await DeliveryRig.StartAsync(startReceivers: false);
        var outbox = rig.Cluster.Outbox(DeliveryRig.WebhookId);
        foreach (var key in Keys) await outbox.EnqueueAsync(Notifications.Opened(key));
        var backAt = DeliveryCluster.Start + TimeSpan.FromMinutes(10);

        var down = await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, _ => rig.Time.GetUtcNow() >= backAt);
        await rig.Webhook.StartAsync();
        await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Pending == 0);

        Assert.Equal(6, down.Pending);
        Assert.Contains("connection failed", down.LastError);
        Assert.Equal(Keys, rig.Webhook.Accepted.Select(r => r.IdempotencyKey));
        Assert.All(rig.Webhook.Accepted, r => Assert.True(r.At >= backAt));
    }

    [Fact]
    public async Task Webhook_WhenSiloRestartsMidQueue_DeliversTheRestOnceWithoutDuplicates()
    {
        await using var rig = await DeliveryRig.StartAsync();
        rig.Webhook.Respond = (n, _) => n < 3 ? (200, "") : (503, "");
        var outbox = rig.Cluster.Outbox(DeliveryRig.WebhookId);
        foreach (var key in Keys) await outbox.EnqueueAsync(Notifications.Opened(key));
        await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Sent == 3 && s.Entries[0].Attempts >= 2);

        await rig.RestartClusterAsync();
        rig.Webhook.Respond = (_, _) => (200, "");
        var status = await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Pending == 0);

        Assert.Equal(Keys, rig.Webhook.Accepted.Select(r => r.IdempotencyKey));
        Assert.Equal(6, status.Sent);
    }

    [Fact]
    public async Task Webhook_WhenReceiverRejectsOne_KeepsItVisibleAsFailedMovesOnAndRetriesOnRequest()
    {
        await using var rig = await DeliveryRig.StartAsync();
        var rejecting = true;
        rig.Webhook.Respond = (_, r) => rejecting && r.IdempotencyKey == "bad" ? (422, "unknown unit") : (200, "");
        var outbox = rig.Cluster.Outbox(DeliveryRig.WebhookId);
        await outbox.EnqueueAsync(Notifications.Opened("bad"));
        await outbox.EnqueueAsync(Notifications.Opened("good"));

        var status = await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Pending == 0);
        rejecting = false;
        Assert.Equal(1, await outbox.RetryFailedAsync());
        var after = await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Pending == 0);

        var failed = Assert.Single(status.Entries, e => e.State == OutboxEntryState.Failed);
        Assert.Equal(("bad", "HTTP 422 unknown unit"), (failed.IdempotencyKey, failed.LastError));
        Assert.Equal(["good", "bad"], rig.Webhook.Accepted.Select(r => r.IdempotencyKey));
        Assert.Equal((0, 2L), (after.Failed, after.Sent));
    }

    [Fact]
    public async Task Webhook_WhenDownForMoreThanADay_IsRetriedForADayThenKeptAsFailed()
    {
        await using var rig = await DeliveryRig.StartAsync(startReceivers: false);
        await rig.Cluster.Outbox(DeliveryRig.WebhookId).EnqueueAsync(Notifications.Opened("lost-receiver"));

        var status = await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Failed == 1, timeoutMs: 120_000);

        var entry = Assert.Single(status.Entries);
        Assert.True(rig.Time.GetUtcNow() - DeliveryCluster.Start >= TimeSpan.FromHours(24));
        Assert.True(entry.Attempts > 280, $"attempts {entry.Attempts}");
        Assert.Equal(OutboxEntryState.Failed, entry.State);
    }

    private static IEnumerable<Notification> Burst(params (string Unit, string Name, int Count)[] units)
    {
        for (var i = 0; units.Any(u => u.Count > i); i++)
        {
            foreach (var (unit, name, count) in units.Where(u => u.Count > i))
            {
                yield return Notifications.Opened($"{unit}-{i + 1}", unit: unit, unitName: name);
            }
        }
    }
}
