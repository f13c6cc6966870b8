using System.Globalization;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Progress;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>Behind-schedule readings fed to the tracker with the defaults: yellow 10 pp, red 30 pp, margin 2 pp,
/// pending 2 days, hold 3 days. Steps are "day:gap" (day offsets from Monday 2025-06-02 10:00, fractions allowed);
/// the expected text lists every recorded change as "day:transition:severity".</summary>
public class AlertTrackerTests
{
    private static readonly DateTimeOffset Start = T("2025-06-02 10:00");

    private static (string Changes, AlertTrack Track, List<DateTimeOffset?> Next) Run(string steps)
    {
        var track = AlertTrack.New(Key);
        var changes = new List<string>();
        var nexts = new List<DateTimeOffset?>();
        var light = Light.Grey;
        foreach (var step in steps.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = step.Split(':');
            var day = double.Parse(parts[0], CultureInfo.InvariantCulture);
            var gap = double.Parse(parts[1], CultureInfo.InvariantCulture);
            var now = Start.AddDays(day);
            // The light red where its rules say so (hysteresis: red until the gap clears −28), else yellow, so the behind
            // reading is the gap's own (a red light reads red, a yellow one at most yellow): these rows test the tracker's
            // margin, pending and clearing on the gap.
            light = Progress.LightRules.Judge(gap, Planning.Thresholds.Default, light) == Light.Red ? Light.Red : Light.Yellow;
            var reading = AlertConditions.Behind(Ev(gap, light), Planning.Thresholds.Default, S);
            var result = AlertTracker.Observe(track, reading, now, S, "副局长");
            track = result.Track;
            nexts.Add(result.NextCheckAt);
            changes.AddRange(result.Notices.Select(n => $"{parts[0]}:{n.Transition}:{n.Severity}"));
        }
        return (string.Join(" ", changes), track, nexts);
    }

    [Theory]
    // a clear crossing (≥ 12 pp behind) opens at once; exactly on the margin counts as clear
    [InlineData("0:-12", "0:Opened:Yellow")]
    [InlineData("0:-20", "0:Opened:Yellow")]
    [InlineData("0:-35", "0:Opened:Red")]
    // a marginal crossing (10–12 pp) waits 2 days, then opens
    [InlineData("0:-11", "")]
    [InlineData("0:-11 1:-11", "")]
    [InlineData("0:-11 1:-11 1.9:-11", "")]
    [InlineData("0:-11 1:-11 2:-11", "2:Opened:Yellow")]
    [InlineData("0:-10 2:-10", "2:Opened:Yellow")]
    // the pending survives a dip back inside the band (≥ 8 pp) and opens on time
    [InlineData("0:-11 1:-9 2:-9", "2:Opened:Yellow")]
    // …but leaving the band ends it; a new marginal crossing starts the wait again
    [InlineData("0:-11 1:-7 2:-11 3:-11", "")]
    [InlineData("0:-11 1:-7 2:-11 4:-11", "4:Opened:Yellow")]
    // a clear crossing during the pending opens at once
    [InlineData("0:-11 0.5:-13", "0.5:Opened:Yellow")]
    // inside the band without ever crossing: nothing
    [InlineData("0:-9 3:-9.99", "")]
    public void Observe_WhenCrossing_OpensAtOnceOnlyWhenClear(string steps, string expected)
    {
        Assert.Equal(expected, Run(steps).Changes);
    }

    [Theory]
    // hold: clear (< 8 pp) for 3 days before resolving
    [InlineData("0:-12 1:-5 3:-5", "0:Opened:Yellow")]
    [InlineData("0:-12 1:-5 3.9:-5", "0:Opened:Yellow")]
    [InlineData("0:-12 1:-5 4:-5", "0:Opened:Yellow 4:Resolved:Yellow")]
    // back in the band (8 pp is still held) restarts the hold
    [InlineData("0:-12 1:-5 2:-8 3:-5 5:-5", "0:Opened:Yellow")]
    [InlineData("0:-12 1:-5 2:-8 3:-5 6:-5", "0:Opened:Yellow 6:Resolved:Yellow")]
    // severity: up at once at 30, down only below 28
    [InlineData("0:-12 1:-30", "0:Opened:Yellow 1:SeverityRaised:Red")]
    [InlineData("0:-12 1:-31 2:-28 3:-29", "0:Opened:Yellow 1:SeverityRaised:Red")]
    [InlineData("0:-12 1:-31 2:-27.9", "0:Opened:Yellow 1:SeverityRaised:Red 2:SeverityLowered:Yellow")]
    [InlineData("0:-35 1:-5 4:-5", "0:Opened:Red 4:Resolved:Red")]
    // a resolved alert whose condition returns reopens (marginal → after the pending)
    [InlineData("0:-12 1:-5 4:-5 5:-13", "0:Opened:Yellow 4:Resolved:Yellow 5:Reopened:Yellow")]
    [InlineData("0:-12 1:-5 4:-5 5:-11 7:-11", "0:Opened:Yellow 4:Resolved:Yellow 7:Reopened:Yellow")]
    public void Observe_WhenClearingOrWorsening_HoldsAndMovesSeverityWithMargin(string steps, string expected)
    {
        Assert.Equal(expected, Run(steps).Changes);
    }

    [Fact]
    public void Observe_WhenGapOscillatesAroundThreshold_OpensOnceAndResolvesOnce()
    {
        // every 12 hours the gap swings across 10 pp: 11, 9, 11, 9 … for 10 days, then 5 for 4 days
        var steps = string.Join(" ", Enumerable.Range(0, 20).Select(i => $"{(i * 0.5).ToString(CultureInfo.InvariantCulture)}:{(i % 2 == 0 ? -11 : -9)}"))
            + " 10:-5 11:-5 12:-5 13:-5";
        Assert.Equal("2:Opened:Yellow 13:Resolved:Yellow", Run(steps).Changes);
    }

    [Fact]
    public void Observe_WhenMarginalCrossingOpens_DetectedAtIsStartOfPending()
    {
        var alert = Run("0:-11 1:-11 2:-11").Track.Alert!;
        Assert.Equal(Start, alert.DetectedAt);
        Assert.Equal(Start.AddDays(2), alert.OpenedAt);
        Assert.Equal("hi-tech.360702.behind.20250604", alert.Id);
    }

    [Fact]
    public void Observe_WhenPendingOrHolding_NextCheckAtIsWhenItEnds()
    {
        var (_, _, next) = Run("0:-11 1:-11 2:-11 3:-5 4:-9");
        Assert.Equal([Start.AddDays(2), Start.AddDays(2), null, Start.AddDays(6), null], next);
    }

    [Fact]
    public void Observe_WhenReopened_KeepsIdAndHistory()
    {
        var alert = Run("0:-12 1:-5 4:-5 5:-13").Track.Alert!;
        Assert.Equal("hi-tech.360702.behind.20250602", alert.Id);
        Assert.Equal(AlertState.Open, alert.State);
        Assert.Equal([AlertTransition.Opened, AlertTransition.Resolved, AlertTransition.Reopened], alert.History.Select(h => h.Transition));
        Assert.Equal(Start.AddDays(5), alert.AwaitingSince);
    }

    [Fact]
    public void Observe_WhenClosedWhileStillBehind_StaysQuietUntilClearThenOpensNewAlert()
    {
        var track = Run("0:-12").Track;
        var closed = AlertLifecycle.Close(track.Alert!, "市科技局办公室", "已专题调度，年底集中认定", Start.AddHours(2)).Alert!;
        track = track with { Alert = closed };
        AlertTrack Step(double day, double gap) =>
            AlertTracker.Observe(track, AlertConditions.Behind(Ev(gap), Planning.Thresholds.Default, S), Start.AddDays(day), S, "副局长").Track;

        track = Step(0.2, -20);
        Assert.Null(track.Alert);
        Assert.True(track.SuppressedUntilClear);
        track = Step(0.3, -5);
        Assert.False(track.SuppressedUntilClear);
        track = Step(0.4, -20);
        Assert.Equal("hi-tech.360702.behind.20250602-2", track.Alert!.Id);
        Assert.Equal(2, track.OpenedThatDay);
    }

    [Fact]
    public void Observe_WhenResolvedAlertIsClosed_NextCrossingOpensNewAlertWithNewId()
    {
        var track = Run("0:-12 1:-5 4:-5").Track;
        track = track with { Alert = AlertLifecycle.Close(track.Alert!, "市科技局办公室", null, Start.AddDays(4.1)).Alert! };
        var step = AlertTracker.Observe(track, AlertConditions.Behind(Ev(-13), Planning.Thresholds.Default, S), Start.AddDays(5), S, "副局长");
        Assert.False(step.Track.SuppressedUntilClear);
        Assert.Equal("hi-tech.360702.behind.20250607", step.Track.Alert!.Id);
        Assert.Equal(AlertTransition.Opened, Assert.Single(step.Notices).Transition);
    }

    [Fact]
    public void Observe_WhenNotReportedClears_ResolvesAtOnceWithoutHold()
    {
        var track = AlertTrack.New(AlertKey.ForUnit("360702", AlertRule.NotReported));
        var missing = AlertConditions.NotReported([("hi-tech", true)], id => id);
        var ok = AlertConditions.NotReported([("hi-tech", false)], id => id);
        track = AlertTracker.Observe(track, missing, Start, S, AlertNotices.CityOffice).Track;
        var step = AlertTracker.Observe(track, ok, Start.AddHours(1), S, AlertNotices.CityOffice);
        Assert.Equal(AlertState.Resolved, step.Track.Alert!.State);
        Assert.Null(step.NextCheckAt);
    }
}
