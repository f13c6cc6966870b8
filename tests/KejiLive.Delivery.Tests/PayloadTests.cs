using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Web;
using KejiLive.Delivery.Tests.Support;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.Delivery;

namespace KejiLive.Delivery.Tests;

/// <summary>The channel formats, checked against the published shapes: WeCom markdown/image, DingTalk markdown and
/// signed URL, Alertmanager webhook version 4.</summary>
public sealed class PayloadTests
{
    [Fact]
    public void WeComImage_WhenBuilt_CarriesBase64AndLowercaseMd5OfRawBytes()
    {
        var png = Notifications.Png();
        var json = JsonDocument.Parse(WeComPayload.Image(png)).RootElement;

        Assert.Equal("image", json.GetProperty("msgtype").GetString());
        Assert.Equal(png, Convert.FromBase64String(json.GetProperty("image").GetProperty("base64").GetString()!));
        Assert.Equal(Convert.ToHexString(MD5.HashData(png)).ToLowerInvariant(), json.GetProperty("image").GetProperty("md5").GetString());
    }

    [Fact]
    public void WeComImage_WhenOver2MB_Throws() =>
        Assert.Throws<ArgumentException>(() => WeComPayload.Image(new byte[2 * 1024 * 1024 + 1]));

    [Fact]
    public void WeComMarkdown_WhenBuilt_HasMsgtypeAndContentWithChineseUnescaped()
    {
        var body = WeComPayload.Markdown("### 章贡区\n较序时 -12.5pp");
        var json = JsonDocument.Parse(body).RootElement;

        Assert.Equal("markdown", json.GetProperty("msgtype").GetString());
        Assert.Equal("### 章贡区\n较序时 -12.5pp", json.GetProperty("markdown").GetProperty("content").GetString());
        Assert.Contains("章贡区", body);
    }

    [Fact]
    public void DingTalkSignedUrl_WhenSecretSet_AddsTimestampAndUrlEncodedHmacOfTimestampNewlineSecret()
    {
        const string secret = "SEC0123456789abcdef";
        const long timestamp = 1751331600000;
        var url = DingTalkPayload.SignedUrl("https://oapi.dingtalk.com/robot/send?access_token=T0K", secret, timestamp);

        var query = HttpUtility.ParseQueryString(new Uri(url).Query);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(secret));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));
        Assert.Equal("T0K", query["access_token"]);
        Assert.Equal("1751331600000", query["timestamp"]);
        Assert.Equal(expected, query["sign"]);
        Assert.DoesNotContain('+', url[url.IndexOf("sign=", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void DingTalkSignedUrl_WhenNoSecret_IsUnchanged() =>
        Assert.Equal("https://x/robot/send?access_token=a", DingTalkPayload.SignedUrl("https://x/robot/send?access_token=a", null, 1));

    [Fact]
    public void DingTalkMarkdown_WhenBuilt_HasTitleAndText()
    {
        var json = JsonDocument.Parse(DingTalkPayload.Markdown("督办", "### 督办\n正文")).RootElement;
        Assert.Equal("markdown", json.GetProperty("msgtype").GetString());
        Assert.Equal("督办", json.GetProperty("markdown").GetProperty("title").GetString());
        Assert.Equal("### 督办\n正文", json.GetProperty("markdown").GetProperty("text").GetString());
    }

    [Fact]
    public void RobotMarkdown_WhenTooLong_CutsTo4096BytesKeepingLinkAndTraceLine()
    {
        var n = Notifications.Opened("k-long") with { Markdown = string.Concat(Enumerable.Repeat("赣州市科技局督办提醒。", 800)) };
        var text = RobotMarkdown.Compose(n, wecom: true, 4096);

        Assert.True(Encoding.UTF8.GetByteCount(text) <= 4096);
        Assert.Contains(RobotMarkdown.TruncatedNote, text);
        Assert.Contains($"[查看详情]({n.Link})", text);
        Assert.EndsWith("编号 k-long</font>", text);
    }

    [Fact]
    public void RobotMarkdown_WhenCutting_NeverSplitsASurrogatePair()
    {
        var cut = RobotMarkdown.TrimToBytes("ab😀cd", 4);
        Assert.Equal("ab", cut);
    }

    [Fact]
    public void RobotMarkdown_WhenTextHasNoHeading_PutsTitleFirstAndTraceLast()
    {
        var n = Notifications.Opened("k1");
        var wecom = RobotMarkdown.Compose(n, wecom: true, 4096);
        var ding = RobotMarkdown.Compose(n, wecom: false, 4096);

        Assert.StartsWith($"### {n.Title}\n", wecom);
        Assert.EndsWith("<font color=\"comment\">编号 k1</font>", wecom);
        Assert.EndsWith("> 编号 k1", ding);
    }

    [Fact]
    public void Alertmanager_WhenAlertOpened_HasEveryVersion4FieldAndTheKey()
    {
        var n = Notifications.Opened("alert-7:opened");
        var json = JsonDocument.Parse(AlertmanagerPayload.Build("hook-1", new OutgoingMessage(n), "https://keji.example.cn")).RootElement;

        Assert.Equal("hook-1", json.GetProperty("receiver").GetString());
        Assert.Equal("firing", json.GetProperty("status").GetString());
        Assert.Equal("4", json.GetProperty("version").GetString());
        Assert.Equal("https://keji.example.cn", json.GetProperty("externalURL").GetString());
        Assert.Equal(0, json.GetProperty("truncatedAlerts").GetInt32());
        Assert.Equal("{}:{idempotency_key=\"alert-7:opened\", unit=\"360702\"}", json.GetProperty("groupKey").GetString());
        var alert = Assert.Single(json.GetProperty("alerts").EnumerateArray());
        Assert.Equal("firing", alert.GetProperty("status").GetString());
        Assert.Equal("alert-alert-7:opened", alert.GetProperty("labels").GetProperty("alert_id").GetString());
        Assert.Equal("alert-opened", alert.GetProperty("labels").GetProperty("kind").GetString());
        Assert.Equal("alert-7:opened", alert.GetProperty("labels").GetProperty("idempotency_key").GetString());
        Assert.Equal(n.Title, alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("2025-07-01T01:00:00.000Z", alert.GetProperty("startsAt").GetString());
        Assert.Equal(AlertmanagerPayload.ZeroTime, alert.GetProperty("endsAt").GetString());
        Assert.Equal(n.Link, alert.GetProperty("generatorURL").GetString());
        Assert.Matches("^[0-9a-f]{16}$", alert.GetProperty("fingerprint").GetString());
        Assert.Equal("360702", json.GetProperty("commonLabels").GetProperty("unit").GetString());
    }

    [Fact]
    public void Alertmanager_WhenResolved_StatusResolvedAndEndsAtSet()
    {
        var n = Notifications.Opened("a:resolved") with { Kind = NotificationKind.Resolved };
        var json = JsonDocument.Parse(AlertmanagerPayload.Build("hook", new OutgoingMessage(n), "")).RootElement;

        Assert.Equal("resolved", json.GetProperty("status").GetString());
        Assert.Equal("2025-07-01T01:00:00.000Z", json.GetProperty("alerts")[0].GetProperty("endsAt").GetString());
    }

    [Fact]
    public void Alertmanager_WhenDigest_ListsOneAlertPerFoldedNotification()
    {
        var members = Enumerable.Range(1, 3).Select(i => new OutboxEntry { Notification = Notifications.Opened($"m{i}") }).ToList();
        var digest = DigestFolder.Digest(members, DeliveryCluster.Start);
        var json = JsonDocument.Parse(AlertmanagerPayload.Build("hook", digest.ToMessage(), "")).RootElement;

        Assert.Equal(["alert-m1", "alert-m2", "alert-m3"],
            json.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("labels").GetProperty("alert_id").GetString()));
        Assert.Equal(digest.Key, json.GetProperty("commonLabels").GetProperty("idempotency_key").GetString());
    }

    [Fact]
    public void SimpleHtml_WhenMarkdown_RendersHeadingsBoldLinksAndEscapes()
    {
        var html = SimpleHtml.FromMarkdown("### 标题\n**粗体** <b>x</b> [详情](https://a.example/x)\n> 引用");
        Assert.Contains("<h3>标题</h3>", html);
        Assert.Contains("<b>粗体</b> &lt;b&gt;x&lt;/b&gt; <a href=\"https://a.example/x\">详情</a>", html);
        Assert.Contains("<blockquote>引用</blockquote>", html);
    }
}
