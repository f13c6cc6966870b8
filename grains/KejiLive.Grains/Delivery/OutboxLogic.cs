using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Delivery;

namespace KejiLive.Grains.Delivery;

/// <summary>The outbox's decisions as pure functions of its state, so the grain only loads, asks, sends and persists:
/// idempotent enqueueing, folding before a send, the bookkeeping after success or failure, and when to wake next.</summary>
public static class OutboxLogic
{
    public const string ImageKeySuffix = "#image";

    public static bool IsKnown(OutboxState s, string key) =>
        s.Pending.Any(e => e.Key == key || e.Members.Any(m => m.IdempotencyKey == key))
        || s.Failed.Any(e => e.Key == key)
        || s.Seen.Any(k => k.Key == key);

    /// <summary>Appends the notification unless its key is known. A WeCom notification with text and an image becomes
    /// two messages (markdown, then the image under key + "#image"), since the robot takes one type per message.</summary>
    public static (OutboxState State, EnqueueOutcome Outcome) Enqueue(OutboxState s, Notification n, ContactPointKind? kind, DateTimeOffset now, int maxPending = int.MaxValue)
    {
        if (IsKnown(s, n.IdempotencyKey)) return (s, EnqueueOutcome.Duplicate);
        if (s.Pending.Length >= maxPending) return (s with { RefusedCount = s.RefusedCount + 1 }, EnqueueOutcome.Refused);
        // The image is kept once, by its hash, outside the outbox state (see OutboxImages); entries hold the reference.
        var image = n.ImagePng is { } png ? OutboxImages.Hash(png) : null;
        var text = n with { ImagePng = null };
        OutboxEntry[] entries = kind == ContactPointKind.WeCom && image is not null && !string.IsNullOrWhiteSpace(n.Markdown)
            ?
            [
                new() { Notification = text, EnqueuedAt = now },
                new() { Notification = text with { IdempotencyKey = n.IdempotencyKey + ImageKeySuffix, Markdown = "", Title = n.Title + "（图）" }, EnqueuedAt = now, ImageRef = image },
            ]
            : [new() { Notification = text, EnqueuedAt = now, ImageRef = image }];
        return (s with { Pending = s.Pending.AddRange(entries) }, EnqueueOutcome.Queued);
    }

    /// <summary>Folds waiting notifications into digests if more wait than <paramref name="budget"/> allows.</summary>
    public static OutboxState Fold(OutboxState s, int budget, DateTimeOffset now, DeliveryOptions o)
    {
        var (pending, folded) = DigestFolder.Fold(s.Pending, budget, now);
        if (folded.IsEmpty) return s;
        return s with
        {
            Pending = pending,
            Recent = Bound(s.Recent.AddRange(folded.Select(f => f.Slim())), o.RecentToKeep),
            Seen = TrimSeen(s.Seen.AddRange(folded.Select(f => new SeenKey { Key = f.Key, At = now })), now, o),
            FoldedCount = s.FoldedCount + folded.Length,
        };
    }

    /// <summary>The head was accepted by the receiver.</summary>
    public static OutboxState Delivered(OutboxState s, DateTimeOffset now, DeliveryOptions o)
    {
        var head = s.Pending[0];
        var sent = head.Slim() with { State = OutboxEntryState.Sent, SentAt = now, Attempts = head.Attempts + 1, LastAttemptAt = now, NextAttemptAt = null };
        return s with
        {
            Pending = s.Pending.RemoveAt(0),
            Recent = Bound(s.Recent.Add(sent), o.RecentToKeep),
            Seen = TrimSeen(s.Seen.Add(new SeenKey { Key = head.Key, At = now }), now, o),
            SendTimes = RateWindow.Record(s.SendTimes, now, o.RateLimitWindow),
            SentCount = s.SentCount + 1,
        };
    }

    /// <summary>The head's attempt failed: wait with backoff, or give up when the receiver rejected it or the retry
    /// period is over (then it is kept in the failed list and the queue moves on).</summary>
    public static OutboxState Failed(OutboxState s, DeliveryResult result, DateTimeOffset now, DeliveryOptions o)
    {
        var head = s.Pending[0];
        var attempts = head.Attempts + 1;
        var updated = head with { Attempts = attempts, LastAttemptAt = now, LastError = result.Error };
        if (result.Outcome == DeliveryOutcome.Rejected || now - head.EnqueuedAt >= o.GiveUpAfter)
        {
            // Kept with its text and image reference (to retry after a fix); the oldest beyond the bound are counted and
            // dropped, and let go of their images.
            var failed = updated with { State = OutboxEntryState.Failed, NextAttemptAt = null };
            var kept = s.Failed.Add(failed);
            var dropped = Math.Max(0, kept.Length - Math.Max(0, o.FailedToKeep));
            return s with
            {
                Pending = s.Pending.RemoveAt(0),
                Failed = dropped > 0 ? kept.RemoveRange(0, dropped) : kept,
                FailedDroppedCount = s.FailedDroppedCount + dropped,
                Seen = TrimSeen(s.Seen.Add(new SeenKey { Key = head.Key, At = now }), now, o),
                FailedCount = s.FailedCount + 1,
            };
        }
        var delay = Backoff.Delay(attempts, o.RetryBaseDelay, o.RetryMaxDelay, o.RetryJitter, head.Key);
        if (result.RetryAfter is { } asked && asked > delay) delay = asked < o.RetryMaxDelay ? asked : o.RetryMaxDelay;
        return s with { Pending = s.Pending.SetItem(0, updated with { NextAttemptAt = now + delay }) };
    }

    /// <summary>Puts failed entries back at the end of the queue with a fresh retry period.</summary>
    public static OutboxState RetryFailed(OutboxState s, DateTimeOffset now)
    {
        if (s.Failed.IsEmpty) return s;
        var keys = s.Failed.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        return s with
        {
            Pending = s.Pending.AddRange(s.Failed.Select(f => f with
            {
                State = OutboxEntryState.Pending, EnqueuedAt = now, NextAttemptAt = null, Attempts = 0,
            })),
            Failed = [],
            Seen = [.. s.Seen.Where(k => !keys.Contains(k.Key))],
        };
    }

    /// <summary>When the head may be sent: after the gather delay for a new entry, at its retry time, and not before
    /// the rate window has room. Null when nothing is pending.</summary>
    public static DateTimeOffset? NextWakeAt(OutboxState s, DateTimeOffset now, int rateLimit, DeliveryOptions o)
    {
        if (s.Pending.IsEmpty) return null;
        var head = s.Pending[0];
        var at = head.NextAttemptAt ?? (head.Attempts == 0 ? head.EnqueuedAt + o.GatherDelay : now);
        var slot = RateWindow.NextSlotAt(s.SendTimes, now, rateLimit, o.RateLimitWindow);
        return at > slot ? at : slot;
    }

    public static OutboxStatus Status(OutboxState s, string contactPointId, int recent)
    {
        var head = s.Pending.IsEmpty ? null : s.Pending[0];
        return new OutboxStatus
        {
            ContactPointId = contactPointId,
            Pending = s.Pending.Length,
            Sent = s.SentCount,
            Folded = s.FoldedCount,
            Failed = s.Failed.Length,
            Refused = s.RefusedCount,
            FailedDropped = s.FailedDroppedCount,
            NextAttemptAt = head?.NextAttemptAt,
            LastError = head?.LastError,
            Entries = [.. s.Pending.Select(e => e.ToView()), .. s.Failed.Select(e => e.ToView()),
                .. s.Recent.Reverse().Take(Math.Max(0, recent)).Select(e => e.ToView())],
        };
    }

    private static ImmutableArray<SeenKey> TrimSeen(ImmutableArray<SeenKey> seen, DateTimeOffset now, DeliveryOptions o)
    {
        var fresh = seen.Where(k => now - k.At < o.DedupeWindow).ToImmutableArray();
        return Bound(fresh, o.DedupeKeys);
    }

    private static ImmutableArray<T> Bound<T>(ImmutableArray<T> items, int max) =>
        items.Length > max ? items.RemoveRange(0, items.Length - Math.Max(0, max)) : items;
}
