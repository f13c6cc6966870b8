namespace KejiLive.Domain.Alerts;

/// <summary>A notification to deliver for one alert change, for the durable outbox. Deliver at or after
/// <see cref="MuteWindows.NextDeliveryInstant"/>; send each <see cref="IdempotencyKey"/> at most once.</summary>
/// <param name="IdempotencyKey"><c>&lt;alert id&gt;/&lt;transition&gt;/&lt;sequence&gt;</c>: the same change always gives the same key.</param>
/// <param name="RaisedAt">When the change happened (the notice may be delivered later, never dropped).</param>
public sealed record AlertNotice(
    string IdempotencyKey,
    string AlertId,
    AlertKey Key,
    AlertTransition Transition,
    int Sequence,
    AlertAudience Audience,
    AlertSeverity Severity,
    string Recipient,
    DateTimeOffset RaisedAt,
    string? Note);
