using KejiLive.Domain.Alerts;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>One lag 督办 per target × unit: a lag rule does not open a second one while another lag rule's alert of the
/// same pair is live at the same or a higher severity.</summary>
public class LagInhibitionTests
{
    private static readonly DateTimeOffset At = T("2025-06-02 00:01");

    [Theory]
    // live alert of another rule ("-" none; "~" resolved), this rule, the severity it would open at ("-" not firing),
    // whether this rule's own alert is live, inhibited
    [InlineData("Behind:Red", "WillMiss", "Orange", false, true)]
    [InlineData("Behind:Red", "FallingFast", "Yellow", false, true)]
    [InlineData("Behind:Yellow", "FallingFast", "Yellow", false, true)]
    [InlineData("Behind:Yellow", "WillMiss", "Orange", false, false)]
    [InlineData("WillMiss:Orange", "Behind", "Yellow", false, true)]
    [InlineData("WillMiss:Orange", "Behind", "Red", false, false)]
    [InlineData("Behind:Red", "WillMiss", "Orange", true, false)]
    [InlineData("Behind:Red", "WillMiss", "-", false, false)]
    [InlineData("Behind:~", "WillMiss", "Orange", false, false)]
    [InlineData("-", "WillMiss", "Orange", false, false)]
    [InlineData("MilestoneOverdue:Red", "Behind", "Yellow", false, false)]
    public void Inhibited_WhenAnotherLagAlertOfThePairIsLive(string other, string rule, string level, bool ownLive, bool expected)
    {
        var state = TargetAlertState.Empty("hi-tech", "360702");
        if (other != "-")
        {
            var (otherRule, severity) = (Enum.Parse<AlertRule>(other.Split(':')[0]), other.Split(':')[1]);
            var alert = AlertLifecycle.Open(Pair(otherRule), severity == "~" ? AlertSeverity.Red : Enum.Parse<AlertSeverity>(severity), 40, "副局长", At, At);
            state = state.With(AlertTrack.New(Pair(otherRule)) with { Alert = severity == "~" ? AlertLifecycle.Resolve(alert, At) : alert });
        }
        var own = Enum.Parse<AlertRule>(rule);
        var track = AlertTrack.New(Pair(own));
        if (ownLive) track = track with { Alert = AlertLifecycle.Open(Pair(own), AlertSeverity.Orange, 5, "副局长", At, At) };
        AlertSeverity? reads = level == "-" ? null : Enum.Parse<AlertSeverity>(level);
        var reading = new ConditionReading(own, reads, reads, false, 12);

        Assert.Equal(expected, TargetAlerts.Inhibited(state.With(track), track, reading));
    }

    [Fact]
    public void Observe_WhenBehindIsRed_OpensNoWillMissUntilBehindEnds()
    {
        var plan = Support.PlanJson.Load();
        var target = plan.FindTarget("hi-tech")!;
        var state = TargetAlertState.Empty("hi-tech", "360702");
        var red = Ev(-40, Progress.Light.Red, willMiss: true, forecast: new Progress.Forecast(10, 5, 20));

        var first = TargetAlerts.Observe(state, target, S, red, At, Cal2025);
        var opened = first.Notices.Where(n => n.Transition == AlertTransition.Opened).Select(n => $"{n.Key.Rule}:{n.Severity}");

        // Behind is read first and opens red; will-miss (orange) would be the pair's second 督办.
        Assert.Equal(["Behind:Red"], opened);
        Assert.Null(first.State.Track(AlertRule.WillMiss).Alert);
    }

    private static AlertKey Pair(AlertRule rule) => AlertKey.ForTarget("hi-tech", "360702", rule);
}
