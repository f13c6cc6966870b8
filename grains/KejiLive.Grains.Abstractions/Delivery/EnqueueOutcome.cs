namespace KejiLive.Grains.Abstractions.Delivery;

/// <summary>What <see cref="IOutboxGrain.EnqueueAsync"/> did with a notification.</summary>
[GenerateSerializer, Alias("keji.enqueue-outcome")]
public enum EnqueueOutcome
{
    /// <summary>Stored durably; it will be sent.</summary>
    Queued = 0,

    /// <summary>The idempotency key is already queued, sent, folded or failed: nothing changed.</summary>
    Duplicate = 1,

    /// <summary>The outbox and its overflow are both full (<c>Alerts:MaxPending</c> + <c>Alerts:MaxOverflow</c>): nothing
    /// was stored. The caller keeps the notification and offers it again later, or logs it as lost; it is counted
    /// (<c>keji_outbox_refused_total</c>).</summary>
    Refused = 2,

    /// <summary>The outbox was full: stored durably in its overflow, and queued (in arrival order) as soon as sending
    /// frees room. The caller is done with it, as with <see cref="Queued"/>.</summary>
    Deferred = 3,
}
