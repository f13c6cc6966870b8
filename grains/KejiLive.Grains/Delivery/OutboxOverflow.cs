using System.Collections.Immutable;

namespace KejiLive.Grains.Delivery;

/// <summary>Stored overflow of one contact point's outbox: notifications that arrived while the queue held
/// <see cref="DeliveryOptions.MaxPending"/> entries, in arrival order. A state of its own, so the queue's state (rewritten
/// on every send) stays small.</summary>
[GenerateSerializer, Alias("keji.outbox-overflow-state")]
public sealed record OutboxOverflowState
{
    [Id(0)] public ImmutableArray<OutboxEntry> Waiting { get; init; } = [];

    /// <summary>Notifications taken into the overflow since the outbox was created.</summary>
    [Id(1)] public long DeferredCount { get; init; }
}

/// <summary>The overflow's rules: what it takes, and what moves into the queue when room frees.</summary>
public static class OutboxOverflow
{
    public static bool IsKnown(OutboxOverflowState o, string key) => o.Waiting.Any(e => e.Key == key);

    /// <summary>Takes <paramref name="entries"/> (one notification's) if they fit within <paramref name="maxOverflow"/>;
    /// null when they do not.</summary>
    public static OutboxOverflowState? Defer(OutboxOverflowState o, ImmutableArray<OutboxEntry> entries, int maxOverflow) =>
        o.Waiting.Length + entries.Length > maxOverflow
            ? null
            : o with { Waiting = o.Waiting.AddRange(entries), DeferredCount = o.DeferredCount + 1 };

    /// <summary>Moves the oldest waiting entries into the queue while it has room; an entry the queue already knows
    /// (moved before a crash cut the overflow's write short) is only removed. Its retry period starts now.</summary>
    public static (OutboxState State, OutboxOverflowState Overflow, int Moved) Drain(OutboxState s, OutboxOverflowState o, int maxPending, DateTimeOffset now)
    {
        var room = maxPending - s.Pending.Length;
        if (o.Waiting.IsEmpty || room <= 0) return (s, o, 0);
        var taken = o.Waiting.Take(room).ToList();
        var fresh = taken.Where(e => !OutboxLogic.IsKnown(s, e.Key)).Select(e => e with { EnqueuedAt = now }).ToList();
        var next = fresh.Count == 0 ? s : s with { Pending = s.Pending.AddRange(fresh) };
        return (next, o with { Waiting = o.Waiting.RemoveRange(0, taken.Count) }, taken.Count);
    }
}
