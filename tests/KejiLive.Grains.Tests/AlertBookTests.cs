using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Alerts;

namespace KejiLive.Grains.Tests;

/// <summary>The alert index's book: maintained orders and the ticker's tally stay equal to what a full recount of the
/// held alerts says, through opens, answers, closes, reopens and late (shorter-history) updates.</summary>
public sealed class AlertBookTests
{
    private static readonly DateTimeOffset Day0 = new(2025, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Tally_AfterEveryKindOfChange_EqualsARecountOfTheHeldAlerts()
    {
        var book = new AlertBook();
        var random = new Random(13);
        var held = new Dictionary<string, AlertView>();
        string[] states = ["open", "acknowledged", "resolved", "closed"];
        string[] severities = ["yellow", "orange", "red"];
        for (var step = 0; step < 3_000; step++)
        {
            var id = $"t.u{random.Next(40):D2}.behind.{random.Next(30):D2}";
            var history = held.TryGetValue(id, out var was) ? was.History.Length + (random.Next(10) == 0 ? -1 : 1) : 1;
            var alert = View(id, states[random.Next(states.Length)], severities[random.Next(severities.Length)],
                opened: random.Next(100), changed: step, history: Math.Max(1, history), waitingMore: random.Next(3) == 0 ? random.Next(1, 200) : 0);
            var kept = book.Keep(alert);
            var expectKept = was is null || was.History.Length <= alert.History.Length;
            Assert.Equal(expectKept, kept);
            if (kept) held[id] = alert;
        }

        var live = held.Values.Where(a => a.State is "open" or "acknowledged").ToList();
        var tally = book.Tally(null);
        Assert.Equal(live.Count(a => a.State == "open"), tally.Open);
        Assert.Equal(live.Count(a => a.State == "acknowledged"), tally.Acknowledged);
        var top = live.GroupBy(a => a.Unit).Select(g => new UnitAlertCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Unit, StringComparer.Ordinal).Take(AlertBook.TopUnits);
        Assert.Equal(top, tally.TopUnits);
        var oldest = live.Where(a => a.State == "open").OrderBy(a => a.AwaitingSince).ThenBy(a => a.Id, StringComparer.Ordinal).First();
        Assert.Equal(oldest.Id, tally.OldestOpen!.Id);

        var unit = live.First().Unit;
        var mine = book.Tally(unit);
        Assert.Equal((unit, live.Count(a => a.Unit == unit)), (mine.Unit, mine.Live));
    }

    [Theory]
    [InlineData(null, null, null, 0, null)]
    [InlineData("live", null, null, 0, 3)]
    [InlineData("live", "red", null, 0, null)]
    [InlineData(null, null, "u02", 1, 2)]
    [InlineData("closed", null, null, 0, null)]
    public void Page_Urgent_ListsLiveThenBySeverityThenOldestAndCountsTheFilter(string? state, string? severity, string? unit, int offset, int? limit)
    {
        var book = new AlertBook();
        AlertView[] all =
        [
            View("t.u01.behind.a", "open", "yellow", opened: 1, changed: 10),
            View("t.u01.behind.b", "acknowledged", "red", opened: 5, changed: 11, escalation: 1),
            View("t.u02.behind.c", "open", "red", opened: 3, changed: 12),
            View("t.u02.behind.d", "closed", "red", opened: 0, changed: 13, escalation: 2),
            View("t.u02.behind.e", "resolved", "orange", opened: 2, changed: 14),
            View("t.u03.behind.f", "open", "orange", opened: 4, changed: 15),
            View("t.u03.behind.g", "open", "yellow", opened: 0, changed: 16),
        ];
        foreach (var a in all) book.Keep(a);

        var page = book.Page(new AlertPageQuery { State = state, Severity = severity, Unit = unit, Order = AlertOrders.Urgent, Offset = offset, Limit = limit });

        var matching = all.Where(a => unit is null || a.Unit == unit).ToList();
        var listed = matching.Where(a => (state is null || (state == "live" ? a.State is "open" or "acknowledged" : a.State == state))
                && (severity is null || a.Severity == severity))
            .OrderBy(a => a.State is "open" or "acknowledged" ? 0 : a.State == "resolved" ? 1 : 2)
            .ThenBy(a => Array.IndexOf(["red", "orange", "yellow"], a.Severity))
            .ThenBy(a => a.OpenedAt).ToList();
        Assert.Equal(listed.Skip(offset).Take(limit ?? int.MaxValue).Select(a => a.Id), page.Items.Select(a => a.Id));
        Assert.Equal(listed.Count, page.Total);
        Assert.Equal(matching.Count(a => a.State == "open"), page.Counts.Open);
        Assert.Equal(matching.Count(a => a.State == "closed"), page.Counts.Closed);
        Assert.Equal(matching.Count(a => a.EscalationLevel > 0 && a.State != "closed"), page.Counts.Escalated);
        Assert.Equal(listed.Count(a => a.Severity == "red"), page.Counts.Red);
        Assert.Equal(listed.Count(a => a.Severity == "yellow"), page.Counts.Yellow);
    }

    [Fact]
    public void NewestLive_AfterAnAlertCloses_ListsTheLiveOnesNewestChangeFirstUpToTheLimit()
    {
        var book = new AlertBook();
        for (var i = 0; i < 10; i++) book.Keep(View($"t.u{i:D2}.behind.x", "open", "yellow", opened: i, changed: i));
        book.Keep(View("t.u09.behind.x", "closed", "yellow", opened: 9, changed: 20, history: 2));
        book.Keep(View("t.u01.behind.x", "acknowledged", "yellow", opened: 1, changed: 21, history: 2));

        Assert.Equal(["t.u01.behind.x", "t.u08.behind.x", "t.u07.behind.x"], book.NewestLive(null, 3).Select(a => a.Id));
        Assert.Equal(9, book.NewestLive(null, null).Length);
        Assert.Equal(9, book.Tally(null).Live);
    }

    [Fact]
    public void Tally_WhenTheFirstOpenedWasReopened_NamesTheOneWaitingLongestSinceItsOpenOrReopen()
    {
        var book = new AlertBook();
        // Opened on day 0, answered, resolved and reopened on day 40: it has waited for an answer since day 40.
        book.Keep(View("t.u01.not-reported.a", "open", "yellow", opened: 0, changed: 40, history: 4, waitingMore: 40));
        book.Keep(View("t.u02.behind.b", "open", "red", opened: 10, changed: 10));
        book.Keep(View("t.u03.behind.c", "open", "yellow", opened: 20, changed: 20));

        var tally = book.Tally(null);
        Assert.Equal(("t.u02.behind.b", Day0.AddDays(10), Day0.AddDays(10)), (tally.OldestOpen!.Id, tally.OldestOpen.OpenedAt, tally.OldestOpen.AwaitingSince));
        var mine = book.Tally("u01").OldestOpen!;
        Assert.Equal((Day0, Day0.AddDays(40)), (mine.OpenedAt, mine.AwaitingSince));
    }

    private static AlertView View(string id, string state, string severity, int opened, int changed, int history = 1, int escalation = 0, int waitingMore = 0) => new()
    {
        Id = id,
        Target = "t",
        Unit = id.Split('.')[1],
        Rule = "behind",
        Severity = severity,
        State = state,
        OpenedAt = Day0.AddDays(opened),
        AwaitingSince = Day0.AddDays(opened + waitingMore),
        ChangedAt = Day0.AddHours(changed),
        EscalationLevel = escalation,
        EscalateTo = "市科技局",
        History = [.. Enumerable.Range(1, history).Select(n => new AlertChangeView { Sequence = n, Actor = "system", Transition = "opened", From = "open", To = state, Severity = severity })],
    };
}
