using Microsoft.Extensions.Options;

namespace KejiLive.Grains.Delivery;

/// <summary>Sends markdown to a DingTalk custom robot, signing the URL with the contact point's secret at send time.
/// DingTalk robots take no inline image data: an image-only message is sent as a short markdown note.</summary>
public sealed class DingTalkSender(IHttpClientFactory http, IOptionsMonitor<DeliveryOptions> options, TimeProvider time) : INotificationSender
{
    private static readonly int[] Retryable = [DingTalkPayload.RateLimited, DingTalkPayload.SystemBusy];

    public ContactPointKind Kind => ContactPointKind.DingTalk;

    public async Task<DeliveryResult> SendAsync(ContactPoint point, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var n = message.Notification;
        if (string.IsNullOrWhiteSpace(n.Markdown) && n.ImagePng is not null) n = n with { Markdown = "（图表请在系统中查看）" };
        var json = DingTalkPayload.Markdown(n.Title, RobotMarkdown.Compose(n, wecom: false, options.CurrentValue.MaxMarkdownBytes));
        var url = DingTalkPayload.SignedUrl(point.Url, point.Secret, time.GetUtcNow().ToUnixTimeMilliseconds());
        var (status, body, retryAfter) = await DeliveryHttp.PostJsonAsync(http, url, json, n.IdempotencyKey, null, cancellationToken);
        return ResponseClassifier.Robot(status, body, Retryable, retryAfter);
    }
}
