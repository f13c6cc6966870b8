using KejiLive.Delivery.Tests.Support;
using KejiLive.Grains.Abstractions.Delivery;
using MimeKit;

namespace KejiLive.Delivery.Tests;

/// <summary>Chart images are stored once by their SHA-256, outside the outbox states, and deleted with the last entry
/// that carries them; the receivers still get the same bytes, also from a state written by the build that kept images
/// inline. Assertions read the SQLite file itself.</summary>
[Collection(ClusterCollection.Name)]
public sealed class OutboxImageTests
{
    private const string ImageState = "outbox-image";
    private const string OutboxState = "outbox";

    [Fact]
    public async Task Enqueue_WhenFiveEntriesOfTwoOutboxesCarryOneChart_StoresItOnceAndNoOutboxRowCarriesIt()
    {
        await using var rig = await DeliveryRig.StartAsync(startReceivers: false);
        var chart = Chart(1);
        await rig.Cluster.Outbox(DeliveryRig.WeComId).EnqueueAsync(Notifications.Opened("s1:opened", image: chart));
        foreach (var key in new[] { "s1:opened", "s2:opened", "s3:opened", "s4:opened" })
        {
            await rig.Cluster.Outbox(DeliveryRig.EmailId).EnqueueAsync(Notifications.Opened(key, image: chart));
        }

        var images = StoredRows.Read(rig.DatabasePath, ImageState);
        var outboxes = StoredRows.Read(rig.DatabasePath, OutboxState);
        var base64 = Convert.ToBase64String(chart);

        var image = Assert.Single(images);
        Assert.Equal(1, Occurrences(image.Payload, base64));
        Assert.Equal(5, Occurrences(image.Payload, "\"" + DeliveryRig.EmailId + "/") + Occurrences(image.Payload, "\"" + DeliveryRig.WeComId + "/"));
        Assert.Equal(2, outboxes.Count);
        Assert.All(outboxes, o => Assert.DoesNotContain(base64[..64], o.Payload, StringComparison.Ordinal));
        Assert.All(outboxes, o => Assert.True(o.Payload.Length < chart.Length / 2, $"{o.GrainId}: {o.Payload.Length} chars"));
    }

    [Fact]
    public async Task Send_WhenEveryEntryOfASharedChartIsDelivered_ReceiversGetTheSameBytesAndTheStoredImageIsDeleted()
    {
        await using var rig = await DeliveryRig.StartAsync();
        var chart = Chart(2);
        await rig.Cluster.Outbox(DeliveryRig.WeComId).EnqueueAsync(Notifications.Opened("d1:opened", image: chart));
        await rig.Cluster.Outbox(DeliveryRig.EmailId).EnqueueAsync(Notifications.Opened("d1:opened", image: chart));
        await rig.Cluster.Outbox(DeliveryRig.EmailId).EnqueueAsync(Notifications.Opened("d2:opened", image: chart));
        var whileQueued = StoredRows.Read(rig.DatabasePath, ImageState).Count;

        await rig.Cluster.DriveUntilAsync(DeliveryRig.WeComId, s => s.Pending == 0);
        var afterWeCom = StoredRows.Read(rig.DatabasePath, ImageState).Count;
        await rig.Cluster.DriveUntilAsync(DeliveryRig.EmailId, s => s.Pending == 0);

        Assert.Equal((1, 1), (whileQueued, afterWeCom));
        Assert.Empty(StoredRows.Read(rig.DatabasePath, ImageState));
        Assert.Empty(rig.WeCom.Violations);
        var sent = Assert.Single(rig.WeCom.Accepted, r => r.Json.GetProperty("msgtype").GetString() == "image");
        Assert.Equal(chart, Convert.FromBase64String(sent.Json.GetProperty("image").GetProperty("base64").GetString()!));
        Assert.Equal([chart, chart], rig.Smtp.Messages.Select(m => MailChart(m.Data)));
    }

    [Fact]
    public async Task Failed_WhenAKeptFailedEntryIsDroppedOrRetriedAndSent_ReleasesItsImage()
    {
        await using var rig = await DeliveryRig.StartAsync();
        rig.Settings["Alerts:FailedToKeep"] = "1";
        await rig.RestartClusterAsync();
        var rejecting = true;
        rig.Webhook.Respond = (_, _) => rejecting ? (422, "unknown unit") : (200, "");
        var (first, second) = (Chart(3), Chart(4));
        var outbox = rig.Cluster.Outbox(DeliveryRig.WebhookId);

        await outbox.EnqueueAsync(Notifications.Opened("f1:opened", image: first));
        await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Failed == 1);
        var keptWhileFailed = StoredRows.Read(rig.DatabasePath, ImageState).Count;
        await outbox.EnqueueAsync(Notifications.Opened("f2:opened", image: second));
        var status = await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Pending == 0 && s.FailedDropped == 1);
        var afterDrop = StoredRows.Read(rig.DatabasePath, ImageState);
        rejecting = false;
        await outbox.RetryFailedAsync();
        await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Pending == 0 && s.Failed == 0);

        Assert.Equal(1, keptWhileFailed);
        Assert.Equal("f2:opened", Assert.Single(status.Entries, e => e.State == OutboxEntryState.Failed).IdempotencyKey);
        Assert.Contains(Convert.ToBase64String(second)[..64], Assert.Single(afterDrop).Payload, StringComparison.Ordinal);
        Assert.Empty(StoredRows.Read(rig.DatabasePath, ImageState));
    }

    [Fact]
    public async Task Activate_WhenStateWrittenByBuild0c18497CarriesImagesInline_MovesThemToTheStoreAndSendsTheSameBytes()
    {
        await using var rig = await DeliveryRig.StartAsync();
        await rig.Cluster.StopAsync();
        StoredRows.Upsert(rig.DatabasePath, OutboxState, $"outbox/{DeliveryRig.EmailId}", "outbox", Fixture("outbox-mail-city-build-0c18497.json"));
        StoredRows.Upsert(rig.DatabasePath, OutboxState, $"outbox/{DeliveryRig.WeComId}", "outbox", Fixture("outbox-wecom-build-0c18497.json"));
        await rig.RestartClusterAsync();
        var png = Notifications.Png();

        var mailBefore = await rig.Cluster.Outbox(DeliveryRig.EmailId).GetStatusAsync();
        var wecomBefore = await rig.Cluster.Outbox(DeliveryRig.WeComId).GetStatusAsync();
        var outboxes = StoredRows.Read(rig.DatabasePath, OutboxState);
        var images = StoredRows.Read(rig.DatabasePath, ImageState);
        await rig.Cluster.DriveUntilAsync(DeliveryRig.EmailId, s => s.Pending == 0);
        await rig.Cluster.DriveUntilAsync(DeliveryRig.WeComId, s => s.Pending == 0);

        Assert.Equal((1, 2), (mailBefore.Pending, wecomBefore.Pending));
        Assert.All(outboxes, o => Assert.DoesNotContain(Convert.ToBase64String(png), o.Payload, StringComparison.Ordinal));
        Assert.Single(images);
        Assert.Equal(png, MailChart(Assert.Single(rig.Smtp.Messages).Data));
        Assert.Empty(rig.WeCom.Violations);
        Assert.Equal(["markdown", "image"], rig.WeCom.Accepted.Select(r => r.Json.GetProperty("msgtype").GetString()));
        Assert.Equal(png, Convert.FromBase64String(rig.WeCom.Accepted[1].Json.GetProperty("image").GetProperty("base64").GetString()!));
        Assert.Empty(StoredRows.Read(rig.DatabasePath, ImageState));
    }

    [Fact]
    public async Task Enqueue_WhenTheQueueOrOverflowWriteFails_ThrowsAndLeavesNoStoredImage_ThenARetryStoresAndSendsIt()
    {
        await using var rig = await DeliveryRig.StartAsync();
        rig.Settings["Alerts:MaxPending"] = "1";
        await rig.RestartClusterAsync();
        var outbox = rig.Cluster.Outbox(DeliveryRig.EmailId);
        var (first, second) = (Chart(5), Chart(6));

        rig.Faults.Arm(OutboxState);
        await Assert.ThrowsAnyAsync<Exception>(() => outbox.EnqueueAsync(Notifications.Opened("w1:opened", image: first)));
        var afterQueueFault = StoredRows.Read(rig.DatabasePath, ImageState).Count;
        rig.Faults.Disarm();
        var retried = await outbox.EnqueueAsync(Notifications.Opened("w1:opened", image: first));
        rig.Faults.Arm("outbox-overflow");
        await Assert.ThrowsAnyAsync<Exception>(() => outbox.EnqueueAsync(Notifications.Opened("w2:opened", image: second)));
        var afterOverflowFault = StoredRows.Read(rig.DatabasePath, ImageState).Count;
        rig.Faults.Disarm();
        var deferred = await outbox.EnqueueAsync(Notifications.Opened("w2:opened", image: second));
        await rig.Cluster.DriveUntilAsync(DeliveryRig.EmailId, s => s.Pending == 0 && s.Overflow == 0);

        Assert.Equal((0, 1), (afterQueueFault, afterOverflowFault));
        Assert.Equal((EnqueueOutcome.Queued, EnqueueOutcome.Deferred), (retried, deferred));
        Assert.Equal([first, second], rig.Smtp.Messages.Select(m => MailChart(m.Data)));
        Assert.Empty(StoredRows.Read(rig.DatabasePath, ImageState));
    }

    /// <summary>A chart-sized PNG (a real PNG signature and 96 KB of seeded bytes), different per seed.</summary>
    private static byte[] Chart(int seed)
    {
        var bytes = new byte[96 * 1024];
        new Random(seed).NextBytes(bytes);
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] MailChart(byte[] data)
    {
        var mail = MimeMessage.Load(new MemoryStream(data));
        var part = Assert.Single(mail.BodyParts.OfType<MimePart>(), p => p.ContentType.MimeType == "image/png");
        using var bytes = new MemoryStream();
        part.Content!.DecodeTo(bytes);
        return bytes.ToArray();
    }

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)).Trim();

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal)) count++;
        return count;
    }
}
