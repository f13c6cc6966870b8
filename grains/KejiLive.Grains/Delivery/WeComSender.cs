using Microsoft.Extensions.Options;

namespace KejiLive.Grains.Delivery;

/// <summary>Sends to a WeCom group robot: markdown (with link and trace line, cut to 4096 bytes), or the image of an
/// image-only message as base64 + md5.</summary>
public sealed class WeComSender(IHttpClientFactory http, IOptionsMonitor<DeliveryOptions> options) : INotificationSender
{
    private static readonly int[] Retryable = [WeComPayload.RateLimited, WeComPayload.SystemBusy];

    public ContactPointKind Kind => ContactPointKind.WeCom;

    public async Task<DeliveryResult> SendAsync(ContactPoint point, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var n = message.Notification;
        var json = n.ImagePng is { } png && string.IsNullOrWhiteSpace(n.Markdown)
            ? WeComPayload.Image(png)
            : WeComPayload.Markdown(RobotMarkdown.Compose(n, wecom: true, Math.Min(options.CurrentValue.MaxMarkdownBytes, WeComPayload.MaxMarkdownBytes)));
        var (status, body, retryAfter) = await DeliveryHttp.PostJsonAsync(http, point.Url, json, n.IdempotencyKey, null, cancellationToken);
        return ResponseClassifier.Robot(status, body, Retryable, retryAfter);
    }
}
