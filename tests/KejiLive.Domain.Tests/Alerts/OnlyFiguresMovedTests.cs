using KejiLive.Domain.Alerts;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>Which judgements the alerts grain may store later (<see cref="TargetAlertStep.OnlyFiguresMoved"/>): one that
/// moved only the gap history or an open alert's gap; never one that opened, changed or timed an alert, or raised a
/// notice.</summary>
public class OnlyFiguresMovedTests
{
    /// <summary>hi-tech × 章贡区 (40 家): a first judgement at <paramref name="firstGap"/> points, then a second one an
    /// hour later at <paramref name="secondGap"/> on the same day.</summary>
    [Theory]
    [InlineData(2.0, 3.0, true)]      // on plan twice: the day's gap sample moves, nothing else
    [InlineData(-2.0, 1.5, true)]     // inside tolerance both times
    [InlineData(-30.0, -30.5, true)]  // red both times: only the open alert's gap moves, derived again by the next judgement
    [InlineData(-30.0, -30.0, true)]  // red both times, the same gap
    [InlineData(-30.0, -15.0, false)] // red to yellow: the open alert's severity changes
    [InlineData(2.0, -30.0, false)]   // falls to red: an alert opens, a notice goes out
    [InlineData(-30.0, 2.0, false)]   // back on plan: the open alert's clearing starts
    public void SecondJudgement_WhenGapsAre_MayWaitOnlyIfNothingButFiguresMoved(double firstGap, double secondGap, bool mayWait)
    {
        var target = PlanJson.Load().FindTarget("hi-tech")!;
        var first = TargetAlerts.Observe(TargetAlertState.Empty("hi-tech", "360702"), target,
            Ev(firstGap, LightOf(firstGap)), T("2025-06-03 09:00"), Cal2025);

        var second = TargetAlerts.Observe(first.State, target, Ev(secondGap, LightOf(secondGap)), T("2025-06-03 10:00"), Cal2025);

        Assert.Equal(mayWait, second.OnlyFiguresMoved(first.State));
        Assert.NotEqual(first.State.History, second.State.History);
    }

    /// <summary>A grain's first judgement: tracks that hold nothing are derived again by the next judgement; an alert
    /// that opens, or a timer that starts, must be stored.</summary>
    [Theory]
    [InlineData(2.0, true)]     // on plan: empty tracks and the day's gap sample only
    [InlineData(-2.0, true)]    // inside tolerance
    [InlineData(-30.0, false)]  // red: an alert opens, a notice goes out
    public void FirstJudgement_WhenNothingWasKept_MayWaitOnlyIfItsTracksHoldNothing(double gap, bool mayWait)
    {
        var target = PlanJson.Load().FindTarget("hi-tech")!;
        var before = TargetAlertState.Empty("hi-tech", "360702");

        var step = TargetAlerts.Observe(before, target, Ev(gap, LightOf(gap)), T("2025-06-03 09:00"), Cal2025);

        Assert.Equal(mayWait, step.OnlyFiguresMoved(before));
        Assert.Equal(mayWait, step.State.Tracks.All(t => t == AlertTrack.New(t.Key)));
    }

    [Fact]
    public void Judgement_WhenAnEarlierTrackIsMissing_MustBeStored()
    {
        var target = PlanJson.Load().FindTarget("hi-tech")!;
        var first = TargetAlerts.Observe(TargetAlertState.Empty("hi-tech", "360702"), target, Ev(-30, Light.Red), T("2025-06-03 09:00"), Cal2025);
        var second = TargetAlerts.Observe(first.State, target, Ev(-30, Light.Red), T("2025-06-03 10:00"), Cal2025);
        var dropped = second with { State = second.State with { Tracks = [.. second.State.Tracks.Where(t => t.Alert is null)] } };

        Assert.True(second.OnlyFiguresMoved(first.State));
        Assert.False(dropped.OnlyFiguresMoved(first.State));
    }

    [Fact]
    public void Judgement_WhenGreyTwice_MovesNothingAndMayWait()
    {
        var target = PlanJson.Load().FindTarget("hi-tech")!;
        var first = TargetAlerts.Observe(TargetAlertState.Empty("hi-tech", "360702"), target, Ev(0, Light.Grey), T("2025-06-03 09:00"), Cal2025);

        var second = TargetAlerts.Observe(first.State, target, Ev(0, Light.Grey), T("2025-06-03 10:00"), Cal2025);

        Assert.True(second.OnlyFiguresMoved(first.State));
        Assert.Equal(first.State.History, second.State.History);
    }

    /// <summary>A unit's 未报送 (one alert per unit, its figure the count of targets not reported): opened with
    /// <paramref name="first"/> targets missing, observed again an hour later with <paramref name="second"/>.</summary>
    [Theory]
    [InlineData(3, 2, true)]   // one target reported: only the open alert's count moves
    [InlineData(2, 3, true)]   // one more target fell due unreported: the count rises, nothing else
    [InlineData(3, 3, false)]  // nothing moved: nothing to store or to publish
    [InlineData(3, 0, false)]  // every target reported: the alert's clearing starts
    [InlineData(0, 2, false)]  // none missing before: the alert opens, a notice goes out
    public void UnitNotReported_WhenTheCountMoves_MayWaitOnlyIfNothingButTheCountMoved(int first, int second, bool mayWait)
    {
        var track = AlertTrack.New(AlertKey.ForUnit("360735", AlertRule.NotReported));
        static IEnumerable<(string, bool)> Missing(int n) => Enumerable.Range(0, 4).Select(i => ($"t{i}", i < n));
        var opened = UnitAlerts.ObserveNotReported(track, Missing(first), S, T("2025-02-17 09:00"), Cal2025, id => id);

        var step = UnitAlerts.ObserveNotReported(opened.Track, Missing(second), S, T("2025-02-17 10:00"), Cal2025, id => id);

        Assert.Equal(mayWait, step.OnlyFigureMoved(opened.Track));
        if (mayWait) Assert.Equal(second, step.Track.Alert!.Points);
    }

    private static Light LightOf(double gap) => gap <= -28 ? Light.Red : gap <= -8 ? Light.Yellow : Light.Green;
}
