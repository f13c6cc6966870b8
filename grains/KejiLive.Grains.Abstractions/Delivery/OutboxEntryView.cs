namespace KejiLive.Grains.Abstractions.Delivery;

/// <summary>One notification as an admin page shows it.</summary>
[GenerateSerializer, Alias("keji.outbox-entry-view")]
public sealed record OutboxEntryView
{
    [Id(0)] public string IdempotencyKey { get; init; } = "";
    [Id(1)] public NotificationKind Kind { get; init; }
    [Id(2)] public string Unit { get; init; } = "";
    [Id(3)] public string Title { get; init; } = "";
    [Id(4)] public OutboxEntryState State { get; init; }
    [Id(5)] public int Attempts { get; init; }
    [Id(6)] public DateTimeOffset EnqueuedAt { get; init; }
    [Id(7)] public DateTimeOffset? SentAt { get; init; }
    [Id(8)] public DateTimeOffset? NextAttemptAt { get; init; }
    [Id(9)] public string? LastError { get; init; }

    /// <summary>The digest this notification was merged into.</summary>
    [Id(10)] public string? FoldedInto { get; init; }
}
