using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Delivery;

/// <summary>The durable outbox of one contact point (a WeCom or DingTalk robot, a webhook, a mailbox). Key: the contact
/// point id from configuration (<c>Alerts:ContactPoints:{id}</c>).
/// <para>A notification is stored before <see cref="EnqueueAsync"/> returns and is then sent in order by a grain timer:
/// at most the contact point's rate limit per rolling window (robots: 20 a minute; a unit's waiting notifications are
/// folded into one digest rather than dropped), retried with exponential backoff on timeouts, refused connections, 5xx
/// and the robots' rate-limit codes for up to a day, then kept as failed. Each message is marked sent in storage right
/// after the receiver's success answer; a crash between that answer and the write resends the message once after the
/// restart, with the same idempotency key, so receivers can drop it.</para></summary>
public interface IOutboxGrain : IGrainWithStringKey
{
    /// <summary>Stores the notification durably and schedules sending. A key already queued or sent (within the last
    /// 5,000 keys or 30 days) is ignored. When the queue is full the notification waits in a bounded overflow
    /// (<see cref="EnqueueOutcome.Deferred"/>); when that is full too it is refused. Throws <see cref="ArgumentException"/> for a notification without key or
    /// title, addressed to another contact point, or with an image over 2 MB.</summary>
    Task<EnqueueOutcome> EnqueueAsync(Notification notification);

    /// <summary>Counts and the entries an admin page shows: pending, failed, then the last <paramref name="recent"/>
    /// finished ones. Answers also while a send is in flight.</summary>
    [AlwaysInterleave]
    Task<OutboxStatus> GetStatusAsync(int recent = 20);

    /// <summary>Puts every failed entry back at the end of the queue (after an operator fixed the contact point) and
    /// returns how many.</summary>
    Task<int> RetryFailedAsync();

    /// <summary>Schedules sending of anything pending. Called for every configured contact point when a silo starts,
    /// so a queue left by a restart drains without waiting for a new notification.</summary>
    Task ResumeAsync();
}
