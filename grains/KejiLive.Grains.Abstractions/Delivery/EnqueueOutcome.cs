namespace KejiLive.Grains.Abstractions.Delivery;

/// <summary>What <see cref="IOutboxGrain.EnqueueAsync"/> did with a notification.</summary>
[GenerateSerializer, Alias("keji.enqueue-outcome")]
public enum EnqueueOutcome
{
    /// <summary>Stored durably; it will be sent.</summary>
    Queued = 0,

    /// <summary>The idempotency key is already queued, sent, folded or failed: nothing changed.</summary>
    Duplicate = 1,

    /// <summary>The outbox already holds its maximum of pending entries (<c>Alerts:MaxPending</c>): nothing was stored.
    /// The caller keeps the notification and offers it again later; nothing is dropped silently.</summary>
    Refused = 2,
}
