using System.Collections.Immutable;

namespace KejiLive.Grains.Delivery;

/// <summary>Persisted state of one contact point's outbox. Stored as JSON by the embedded storage without CLR type
/// names. Sends are recorded right after the receiver's success answer.</summary>
[GenerateSerializer, Alias("keji.outbox-state")]
public sealed record OutboxState
{
    /// <summary>Waiting to be sent, in sending order.</summary>
    [Id(0)] public ImmutableArray<OutboxEntry> Pending { get; init; } = [];

    /// <summary>Recently sent or folded entries (slimmed), newest last, bounded.</summary>
    [Id(1)] public ImmutableArray<OutboxEntry> Recent { get; init; } = [];

    /// <summary>Given-up entries, kept (with their text) until retried; bounded.</summary>
    [Id(2)] public ImmutableArray<OutboxEntry> Failed { get; init; } = [];

    /// <summary>Keys finished with, for idempotent enqueueing; bounded by count and age.</summary>
    [Id(3)] public ImmutableArray<SeenKey> Seen { get; init; } = [];

    /// <summary>Times of accepted sends inside the rate-limit window.</summary>
    [Id(4)] public ImmutableArray<DateTimeOffset> SendTimes { get; init; } = [];

    [Id(5)] public long SentCount { get; init; }
    [Id(6)] public long FoldedCount { get; init; }
    [Id(7)] public long FailedCount { get; init; }
    [Id(8)] public long RefusedCount { get; init; }
    [Id(9)] public long FailedDroppedCount { get; init; }

    /// <summary>Images the last write let go of (entries sent or dropped), written with that change so a crash before
    /// the image grains heard of it releases them again on the next activation. Releasing is idempotent.</summary>
    [Id(10)] public ImmutableArray<ImageHold> Releasing { get; init; } = [];
}
