using System.Collections.Immutable;
using KejiLive.Delivery.Tests.Support;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.Delivery;

namespace KejiLive.Delivery.Tests;

/// <summary>The outbox's pure decisions: backoff schedule, rate window, digest folding, answer classification,
/// idempotent enqueueing, giving up, configuration checks.</summary>
public sealed class OutboxLogicTests
{
    private static readonly DateTimeOffset T0 = DeliveryCluster.Start;
    private static readonly DeliveryOptions Options = new() { RetryJitter = 0 };

    [Fact]
    public void Backoff_WhenAttemptsGrow_DoublesFromTwoSecondsUpToFiveMinutes()
    {
        var delays = Enumerable.Range(1, 10).Select(a => Backoff.Delay(a, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)).TotalSeconds);
        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256, 300, 300], delays);
        Assert.Equal(TimeSpan.FromMinutes(5), Backoff.Delay(1000, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void Backoff_WhenJitter_ShortensByAtMostTheShareAndIsReproducible()
    {
        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var plain = Backoff.Delay(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5));
            var jittered = Backoff.Delay(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), 0.2, "key");
            Assert.InRange(jittered, plain * 0.8, plain);
            Assert.Equal(jittered, Backoff.Delay(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), 0.2, "key"));
        }
    }

    [Fact]
    public void RateWindow_WhenFull_NextSlotOpensWhenTheOldestCountedSendLeaves()
    {
        var sends = Enumerable.Range(0, 20).Select(i => T0.AddSeconds(i)).ToImmutableArray();
        var now = T0.AddSeconds(30);

        Assert.Equal(0, RateWindow.Remaining(sends, now, 20, TimeSpan.FromMinutes(1)));
        Assert.Equal(T0.AddSeconds(60), RateWindow.NextSlotAt(sends, now, 20, TimeSpan.FromMinutes(1)));
        Assert.Equal(1, RateWindow.Remaining(sends, T0.AddSeconds(60), 20, TimeSpan.FromMinutes(1)));
        Assert.Equal(int.MaxValue, RateWindow.Remaining(sends, now, 0, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public void DigestFolder_When25PendingAndBudget20_FoldsTheLargestUnitFirstAndKeepsEveryNotification()
    {
        var pending = Pending(("A", 10), ("B", 8), ("C", 7));
        var (after, folded) = DigestFolder.Fold(pending, 20, T0);

        Assert.Equal(16, after.Length);
        Assert.Equal(10, folded.Length);
        var digest = Assert.Single(after, e => e.Notification.Kind == NotificationKind.Digest);
        Assert.Equal("A", digest.Notification.Unit);
        Assert.Equal(0, after.IndexOf(digest));
        Assert.All(pending.Where(p => p.Notification.Unit == "A"), p => Assert.Contains(p.Notification.Title, digest.Notification.Markdown));
        Assert.Equal(25, after.Sum(e => e.Members.IsDefaultOrEmpty ? 1 : e.Members.Length));
        Assert.All(folded, f => Assert.Equal(digest.Key, f.FoldedInto));
    }

    [Fact]
    public void DigestFolder_WhenBudgetIsSmall_FoldsEveryUnitAndTheRestWaits()
    {
        var (after, _) = DigestFolder.Fold(Pending(("A", 3), ("B", 3), ("C", 3)), 2, T0);
        Assert.Equal(3, after.Length);
        Assert.All(after, e => Assert.Equal(3, e.Members.Length));
    }

    [Fact]
    public void DigestFolder_WhenEntriesWereAlreadyTried_LeavesThemAlone()
    {
        var pending = Pending(("A", 5)).Select(e => e with { Attempts = 1 }).ToImmutableArray();
        Assert.Equal(pending, DigestFolder.Fold(pending, 2, T0).Pending);
    }

    [Fact]
    public void DigestFolder_WhenWithinBudget_ChangesNothing()
    {
        var pending = Pending(("A", 5));
        Assert.Equal(pending, DigestFolder.Fold(pending, 5, T0).Pending);
    }

    [Fact]
    public void DigestKey_WhenSameMembers_IsTheSame() =>
        Assert.Equal(DigestFolder.Digest([.. Pending(("A", 3))], T0).Key, DigestFolder.Digest([.. Pending(("A", 3))], T0.AddHours(1)).Key);

    [Theory]
    [InlineData(200, """{"errcode":0,"errmsg":"ok"}""", DeliveryOutcome.Delivered)]
    [InlineData(200, """{"errcode":45009,"errmsg":"api freq out of limit"}""", DeliveryOutcome.Retry)]
    [InlineData(200, """{"errcode":130101,"errmsg":"send too fast, exceed 20 times per minute"}""", DeliveryOutcome.Retry)]
    [InlineData(200, """{"errcode":-1,"errmsg":"system busy"}""", DeliveryOutcome.Retry)]
    [InlineData(200, """{"errcode":93000,"errmsg":"invalid webhook url"}""", DeliveryOutcome.Rejected)]
    [InlineData(200, "<html>proxy</html>", DeliveryOutcome.Retry)]
    [InlineData(502, "", DeliveryOutcome.Retry)]
    [InlineData(429, "", DeliveryOutcome.Retry)]
    [InlineData(400, "", DeliveryOutcome.Rejected)]
    public void RobotAnswer_WhenClassified_MatchesTheRetryRules(int status, string body, DeliveryOutcome expected) =>
        Assert.Equal(expected, ResponseClassifier.Robot(status, body, [45009, 130101, -1]).Outcome);

    [Theory]
    [InlineData(204, DeliveryOutcome.Delivered)]
    [InlineData(500, DeliveryOutcome.Retry)]
    [InlineData(503, DeliveryOutcome.Retry)]
    [InlineData(408, DeliveryOutcome.Retry)]
    [InlineData(404, DeliveryOutcome.Rejected)]
    public void WebhookAnswer_WhenClassified_MatchesTheRetryRules(int status, DeliveryOutcome expected) =>
        Assert.Equal(expected, ResponseClassifier.Http(status, "").Outcome);

    [Fact]
    public void Enqueue_WhenSameKeyTwice_SecondIsDuplicate()
    {
        var (once, first) = OutboxLogic.Enqueue(new OutboxState(), Notifications.Opened("k"), ContactPointKind.Webhook, T0);
        var (twice, second) = OutboxLogic.Enqueue(once, Notifications.Opened("k"), ContactPointKind.Webhook, T0);
        Assert.Equal((EnqueueOutcome.Queued, EnqueueOutcome.Duplicate), (first, second));
        Assert.Same(once, twice);
    }

    [Fact]
    public void Enqueue_WhenWeComWithChart_MakesMarkdownThenImageMessages()
    {
        var (state, _) = OutboxLogic.Enqueue(new OutboxState(), Notifications.Opened("k", image: Notifications.Png()), ContactPointKind.WeCom, T0);
        Assert.Equal(["k", "k#image"], state.Pending.Select(e => e.Key));
        Assert.Null(state.Pending[0].Notification.ImagePng);
        Assert.Equal("", state.Pending[1].Notification.Markdown);
    }

    [Fact]
    public void Failed_WhenRetryable_WaitsWithBackoffAndKeepsTheEntry()
    {
        var (state, _) = OutboxLogic.Enqueue(new OutboxState(), Notifications.Opened("k"), ContactPointKind.Webhook, T0);
        var after = OutboxLogic.Failed(OutboxLogic.Failed(state, DeliveryResult.Retry("HTTP 500"), T0, Options), DeliveryResult.Retry("HTTP 500"), T0.AddSeconds(2), Options);
        Assert.Equal(2, after.Pending[0].Attempts);
        Assert.Equal(T0.AddSeconds(6), after.Pending[0].NextAttemptAt);
    }

    [Fact]
    public void Failed_WhenRetryPeriodIsOver_MarksFailedKeepsItVisibleAndRemembersTheKey()
    {
        var (state, _) = OutboxLogic.Enqueue(new OutboxState(), Notifications.Opened("k"), ContactPointKind.Webhook, T0);
        var before = OutboxLogic.Failed(state, DeliveryResult.Retry("timeout"), T0.AddHours(23.9), Options);
        var after = OutboxLogic.Failed(before, DeliveryResult.Retry("timeout"), T0.AddHours(24), Options);

        Assert.Single(before.Pending);
        Assert.Empty(after.Pending);
        Assert.Equal(OutboxEntryState.Failed, Assert.Single(after.Failed).State);
        Assert.True(OutboxLogic.IsKnown(after, "k"));
        Assert.Equal("k", Assert.Single(OutboxLogic.RetryFailed(after, T0.AddDays(2)).Pending).Key);
    }

    [Fact]
    public void Delivered_WhenManyKeys_KeepsOnlyTheConfiguredNumberOfKeys()
    {
        var options = new DeliveryOptions { DedupeKeys = 3, RecentToKeep = 2 };
        var state = new OutboxState();
        for (var i = 0; i < 5; i++)
        {
            state = OutboxLogic.Delivered(OutboxLogic.Enqueue(state, Notifications.Opened($"k{i}"), null, T0).State, T0.AddSeconds(i), options);
        }
        Assert.Equal(["k2", "k3", "k4"], state.Seen.Select(s => s.Key));
        Assert.Equal(2, state.Recent.Length);
        Assert.Equal(5, state.SentCount);
    }

    [Fact]
    public void Enqueue_WhenTheOutboxHoldsItsMaximum_RefusesAndCounts_WithoutTouchingThePending()
    {
        var state = new OutboxState();
        for (var i = 0; i < 3; i++) state = OutboxLogic.Enqueue(state, Notifications.Opened($"m{i}"), null, T0, maxPending: 3).State;

        var (full, outcome) = OutboxLogic.Enqueue(state, Notifications.Opened("m3"), null, T0, maxPending: 3);
        var (again, repeat) = OutboxLogic.Enqueue(full, Notifications.Opened("m0"), null, T0, maxPending: 3);

        Assert.Equal(EnqueueOutcome.Refused, outcome);
        Assert.Equal(["m0", "m1", "m2"], full.Pending.Select(e => e.Key));
        Assert.Equal(1, OutboxLogic.Status(full, "bot", 0).Refused);
        Assert.False(OutboxLogic.IsKnown(full, "m3"));
        Assert.Equal((EnqueueOutcome.Duplicate, 1L), (repeat, again.RefusedCount));
    }

    [Fact]
    public void Failed_WhenTheKeptListIsFull_DropsTheOldestAndCountsThem_AndKeepsImagesOnlyByReference()
    {
        var options = new DeliveryOptions { FailedToKeep = 2, RetryJitter = 0 };
        var state = new OutboxState();
        for (var i = 0; i < 4; i++)
        {
            var withImage = Notifications.Opened($"f{i}") with { ImagePng = [1, 2, 3] };
            state = OutboxLogic.Enqueue(state, withImage, null, T0).State;
            state = OutboxLogic.Failed(state, DeliveryResult.Rejected("400 bad request"), T0.AddSeconds(i), options);
        }

        Assert.Equal(["f2", "f3"], state.Failed.Select(e => e.Key));
        Assert.All(state.Failed, e => Assert.Null(e.Notification.ImagePng));
        Assert.All(state.Failed, e => Assert.Equal(OutboxImages.Hash([1, 2, 3]), e.ImageRef));
        Assert.Equal((4L, 2L), (state.FailedCount, state.FailedDroppedCount));
        Assert.Equal(2, OutboxLogic.Status(state, "bot", 0).FailedDropped);
    }

    [Fact]
    public void Images_AreHeldByPendingAndFailedEntries_AndReleasedWhenSentOrDropped()
    {
        var options = new DeliveryOptions { FailedToKeep = 1, RetryJitter = 0 };
        byte[] png = [7, 7, 7];
        var state = new OutboxState();
        foreach (var key in new[] { "a", "b", "c" }) state = OutboxLogic.Enqueue(state, Notifications.Opened(key, image: png), ContactPointKind.Webhook, T0).State;

        var sent = OutboxLogic.Delivered(state, T0, options);
        var failed = OutboxLogic.Failed(sent, DeliveryResult.Rejected("422"), T0, options);
        var dropped = OutboxLogic.Failed(failed, DeliveryResult.Rejected("422"), T0, options);
        var retried = OutboxLogic.RetryFailed(dropped, T0);
        var (moved, inline) = OutboxImages.MoveInline(new OutboxState { Pending = [new OutboxEntry { Notification = Notifications.Opened("old", image: png) }] });

        var hash = OutboxImages.Hash(png);
        Assert.Equal(3, OutboxImages.Holds(state).Count(h => h.Image == hash));
        Assert.Equal(new ImageHold(hash, "a"), Assert.Single(OutboxImages.Released(state, sent)));
        Assert.Empty(OutboxImages.Released(sent, failed));
        Assert.Equal(new ImageHold(hash, "b"), Assert.Single(OutboxImages.Released(failed, dropped)));
        Assert.Empty(OutboxImages.Released(dropped, retried));
        Assert.Equal((hash, (string?)null), (moved.Pending[0].ImageRef, moved.Pending[0].Notification.ImagePng is null ? null : "inline"));
        Assert.Equal(png, Assert.Single(inline).Png);
    }

    [Fact]
    public void Validator_WhenContactPointsAreIncomplete_NamesTheKeys()
    {
        var options = new DeliveryOptions();
        options.ContactPoints["bot"] = new ContactPoint { Kind = ContactPointKind.WeCom, Url = "not a url" };
        options.ContactPoints["mail"] = new ContactPoint { Kind = ContactPointKind.Email, SmtpHost = "smtp" };
        var result = new DeliveryOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Alerts:ContactPoints:bot:Url", result.FailureMessage);
        Assert.Contains("Alerts:ContactPoints:mail:From", result.FailureMessage);
        Assert.Contains("Alerts:ContactPoints:mail:To", result.FailureMessage);
    }

    private static ImmutableArray<OutboxEntry> Pending(params (string Unit, int Count)[] units) =>
    [
        .. units.SelectMany(u => Enumerable.Range(1, u.Count).Select(i => new OutboxEntry
        {
            Notification = Notifications.Opened($"{u.Unit}-{i}", unit: u.Unit, unitName: $"单位{u.Unit}"),
            EnqueuedAt = T0,
        })),
    ];
}
