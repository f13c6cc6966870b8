using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Delivery;

/// <summary>Counts and recent entries of one contact point's outbox.</summary>
[GenerateSerializer, Alias("keji.outbox-status")]
public sealed record OutboxStatus
{
    [Id(0)] public string ContactPointId { get; init; } = "";
    [Id(1)] public int Pending { get; init; }

    /// <summary>Messages the receiver accepted since the outbox was created (a digest counts once).</summary>
    [Id(2)] public long Sent { get; init; }

    /// <summary>Notifications merged into digests.</summary>
    [Id(3)] public long Folded { get; init; }

    /// <summary>Failed entries still kept (see <see cref="IOutboxGrain.RetryFailedAsync"/>).</summary>
    [Id(4)] public int Failed { get; init; }

    /// <summary>When the head of the queue is tried next, if it is waiting.</summary>
    [Id(5)] public DateTimeOffset? NextAttemptAt { get; init; }
    [Id(6)] public string? LastError { get; init; }

    /// <summary>Pending entries first (in sending order), then failed ones, then the most recently finished.</summary>
    [Id(7)] public ImmutableArray<OutboxEntryView> Entries { get; init; } = [];

    /// <summary>When the outbox's timer fires next; null when nothing is pending.</summary>
    [Id(8)] public DateTimeOffset? NextWakeAt { get; init; }

    /// <summary>True while a send turn is running.</summary>
    [Id(9)] public bool Sending { get; init; }

    /// <summary>Enqueues refused because the outbox and its overflow were full.</summary>
    [Id(10)] public long Refused { get; init; }

    /// <summary>Failed entries dropped from the kept list, oldest first, once it held its maximum.</summary>
    [Id(11)] public long FailedDropped { get; init; }

    /// <summary>Notifications waiting in the overflow for room in the queue (see <see cref="EnqueueOutcome.Deferred"/>).</summary>
    [Id(12)] public int Overflow { get; init; }

    /// <summary>Notifications taken into the overflow because the queue was full, since the outbox was created.</summary>
    [Id(13)] public long Deferred { get; init; }
}
