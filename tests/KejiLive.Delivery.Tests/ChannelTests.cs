using KejiLive.Delivery.Tests.Support;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.Delivery;
using MimeKit;

namespace KejiLive.Delivery.Tests;

/// <summary>Each channel end to end: the outbox grain on an in-process cluster sends to a real receiver on loopback,
/// which checks the request the way the real service does.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ChannelTests
{
    [Fact]
    public async Task WeCom_WhenAlertHasAChart_RobotGetsMarkdownThenImageWithMatchingMd5()
    {
        await using var rig = await DeliveryRig.StartAsync();
        var png = Notifications.Png();
        var n = Notifications.Opened("a1:opened", image: png);

        Assert.Equal(EnqueueOutcome.Queued, await rig.Cluster.Outbox(DeliveryRig.WeComId).EnqueueAsync(n));
        await rig.Cluster.DriveUntilAsync(DeliveryRig.WeComId, s => s.Pending == 0);

        Assert.Empty(rig.WeCom.Violations);
        var (markdown, image) = (rig.WeCom.Accepted[0].Json, rig.WeCom.Accepted[1].Json);
        Assert.Equal(2, rig.WeCom.Accepted.Count);
        var content = markdown.GetProperty("markdown").GetProperty("content").GetString()!;
        Assert.Contains("较序时 <font color=\"warning\">-12.5pp</font>", content);
        Assert.Contains($"[查看详情]({n.Link})", content);
        Assert.EndsWith("编号 a1:opened</font>", content);
        Assert.Equal(png, Convert.FromBase64String(image.GetProperty("image").GetProperty("base64").GetString()!));
    }

    [Fact]
    public async Task DingTalk_WhenSigned_RobotVerifiesTimestampAndSignature()
    {
        await using var rig = await DeliveryRig.StartAsync();
        rig.Time.Advance(TimeSpan.FromMinutes(7));

        await rig.Cluster.Outbox(DeliveryRig.DingTalkId).EnqueueAsync(Notifications.Opened("a2:opened"));
        await rig.Cluster.DriveUntilAsync(DeliveryRig.DingTalkId, s => s.Pending == 0);

        Assert.Empty(rig.DingTalk.Violations);
        var request = Assert.Single(rig.DingTalk.Accepted);
        Assert.Contains($"timestamp={rig.Time.GetUtcNow().ToUnixTimeMilliseconds()}", request.Query);
        Assert.EndsWith("> 编号 a2:opened", request.Json.GetProperty("markdown").GetProperty("text").GetString());
    }

    [Fact]
    public async Task DingTalk_WhenSecretIsWrong_RobotRefusesAndTheEntryIsKeptAsFailed()
    {
        await using var rig = await DeliveryRig.StartAsync();
        rig.Settings[$"Alerts:ContactPoints:{DeliveryRig.DingTalkId}:Secret"] = "SECwrong";
        await rig.RestartClusterAsync();

        await rig.Cluster.Outbox(DeliveryRig.DingTalkId).EnqueueAsync(Notifications.Opened("a3:opened"));
        var status = await rig.Cluster.DriveUntilAsync(DeliveryRig.DingTalkId, s => s.Pending == 0);

        Assert.Equal(["sign not match"], rig.DingTalk.Violations);
        Assert.Equal(1, status.Failed);
        Assert.Contains("errcode 40008", status.Entries.Single(e => e.State == OutboxEntryState.Failed).LastError);
    }

    [Fact]
    public async Task Webhook_WhenAlertOpened_ReceiverGetsAlertmanagerPayloadWithIdempotencyKey()
    {
        await using var rig = await DeliveryRig.StartAsync();

        await rig.Cluster.Outbox(DeliveryRig.WebhookId).EnqueueAsync(Notifications.Opened("a4:opened"));
        await rig.Cluster.DriveUntilAsync(DeliveryRig.WebhookId, s => s.Pending == 0);

        Assert.Empty(rig.Webhook.Violations);
        var request = Assert.Single(rig.Webhook.Accepted);
        Assert.Equal("a4:opened", request.IdempotencyKey);
        Assert.Equal($"Bearer {DeliveryRig.WebhookToken}", request.Authorization);
        Assert.Equal(DeliveryRig.WebhookId, request.Json.GetProperty("receiver").GetString());
        Assert.Contains("idempotency_key=\"a4:opened\"", request.Json.GetProperty("groupKey").GetString());
        Assert.Equal("https://keji.example.cn", request.Json.GetProperty("externalURL").GetString());
    }

    [Fact]
    public async Task Email_WhenAlertHasAChart_SmtpReceiverGetsTextHtmlInlineChartAndStableMessageId()
    {
        await using var rig = await DeliveryRig.StartAsync();
        var png = Notifications.Png();
        var n = Notifications.Opened("a5:opened", image: png);

        await rig.Cluster.Outbox(DeliveryRig.EmailId).EnqueueAsync(n);
        await rig.Cluster.DriveUntilAsync(DeliveryRig.EmailId, s => s.Pending == 0);

        var (from, to, data) = Assert.Single(rig.Smtp.Messages);
        var mail = MimeMessage.Load(new MemoryStream(data));
        Assert.Equal("keji@example.cn", from);
        Assert.Equal(["office@example.cn", "leader@example.cn"], to);
        Assert.Equal(n.Title, mail.Subject);
        Assert.Equal(EmailFormatter.MessageId("a5:opened"), mail.MessageId);
        Assert.Equal("a5:opened", mail.Headers["Idempotency-Key"]);
        Assert.Contains("编号 a5:opened", mail.TextBody);
        Assert.Contains(n.Link!, mail.TextBody);
        Assert.Contains("<b>章贡区</b>", mail.HtmlBody);
        Assert.Contains("src=\"cid:", mail.HtmlBody);
        var chart = Assert.Single(mail.BodyParts.OfType<MimePart>(), p => p.ContentType.MimeType == "image/png");
        using var bytes = new MemoryStream();
        chart.Content!.DecodeTo(bytes);
        Assert.Equal(png, bytes.ToArray());
    }
}
