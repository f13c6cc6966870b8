using Microsoft.Extensions.Options;

namespace KejiLive.Grains.Delivery;

/// <summary>POSTs the Alertmanager-compatible JSON to a webhook receiver, with the Idempotency-Key header and, when
/// the contact point has a secret, a bearer token.</summary>
public sealed class WebhookSender(IHttpClientFactory http, IOptionsMonitor<DeliveryOptions> options) : INotificationSender
{
    public ContactPointKind Kind => ContactPointKind.Webhook;

    public async Task<DeliveryResult> SendAsync(ContactPoint point, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var json = AlertmanagerPayload.Build(point.Id, message, options.CurrentValue.ExternalUrl);
        var (status, body, retryAfter) = await DeliveryHttp.PostJsonAsync(
            http, point.Url, json, message.Notification.IdempotencyKey, point.Secret, cancellationToken);
        return ResponseClassifier.Http(status, body, retryAfter);
    }
}
