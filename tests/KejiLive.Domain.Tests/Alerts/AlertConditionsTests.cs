using KejiLive.Domain.Alerts;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

public class AlertConditionsTests
{
    private static string Show(ConditionReading r) => $"{r.Level?.ToString() ?? "-"}/{r.HeldLevel?.ToString() ?? "-"}/{(r.Marginal ? "marginal" : "clear-cut")}";

    [Theory]
    [InlineData(-5, Light.Yellow, "-/-/clear-cut")]
    [InlineData(-7.99, Light.Yellow, "-/-/clear-cut")]
    [InlineData(-8, Light.Yellow, "-/Yellow/clear-cut")]
    [InlineData(-9.99, Light.Yellow, "-/Yellow/clear-cut")]
    [InlineData(-10, Light.Yellow, "Yellow/Yellow/marginal")]
    [InlineData(-11.99, Light.Yellow, "Yellow/Yellow/marginal")]
    [InlineData(-12, Light.Yellow, "Yellow/Yellow/clear-cut")]
    [InlineData(-27.99, Light.Yellow, "Yellow/Yellow/clear-cut")]
    // Under a red light a firing behind reading is red (the 督办 is never below the light), held red down to the margin.
    [InlineData(-28, Light.Red, "Red/Red/clear-cut")]
    [InlineData(-9, Light.Red, "-/Red/clear-cut")]
    [InlineData(-7.99, Light.Red, "-/-/clear-cut")]
    [InlineData(-30, Light.Red, "Red/Red/clear-cut")]
    [InlineData(-80, Light.Red, "Red/Red/clear-cut")]
    [InlineData(15, Light.Green, "-/-/clear-cut")]
    // Never above the light. Green while −16 pp: a 1-item-due count judged in whole items, a figure not yet released,
    // a unit catching up — the light's rules say on plan, so no 督办 opens and an open one is not held.
    [InlineData(-16.2, Light.Green, "-/-/clear-cut")]
    [InlineData(-100, Light.Green, "-/-/clear-cut")]
    // Yellow with a red gap (an item owed within its grace): a yellow 督办 at most.
    [InlineData(-40, Light.Yellow, "Yellow/Yellow/clear-cut")]
    [InlineData(-28, Light.Yellow, "Yellow/Yellow/clear-cut")]
    // Red from the forecast (or hysteresis, or whole items), the gap only yellow: behind follows the light to red (it was
    // yellow: the tour found 上犹县 申报项目 红灯 with a 黄 督办 "较序时落后 25.5").
    [InlineData(-12, Light.Red, "Red/Red/clear-cut")]
    [InlineData(-10, Light.Red, "Red/Red/marginal")]
    [InlineData(-25.5, Light.Red, "Red/Red/clear-cut")]
    [InlineData(-50, Light.Grey, "-/-/clear-cut")]
    public void Behind_WhenGapAndLightAre_LevelsFollowThresholdsAndMarginNeverAboveTheLight(double gap, Light light, string expected)
    {
        Assert.Equal(expected, Show(AlertConditions.Behind(Ev(gap, light), Thresholds.Default, S)));
    }

    [Fact]
    public void Behind_WhenTargetOverridesThresholds_UsesTargetThresholds()
    {
        var t = Thresholds.Default with { YellowPoints = 5, RedPoints = 20 };
        Assert.Equal("Yellow/Yellow/clear-cut", Show(AlertConditions.Behind(Ev(-7), t, S)));
        Assert.Equal("Red/Red/clear-cut", Show(AlertConditions.Behind(Ev(-20, Light.Red), t, S)));
    }

    [Theory]
    [InlineData(AlertRule.Behind, Light.Grey)]
    [InlineData(AlertRule.WillMiss, Light.Grey)]
    [InlineData(AlertRule.FallingFast, Light.Grey)]
    // Under a green light either: the light's rules (not yet due or released, whole items, catching up, will-miss only
    // turning a yellow red) say on plan, and a 督办 the unit must answer would contradict the wall.
    [InlineData(AlertRule.Behind, Light.Green)]
    [InlineData(AlertRule.WillMiss, Light.Green)]
    [InlineData(AlertRule.FallingFast, Light.Green)]
    public void LagRules_WhenLightIsGreyOrGreen_NeitherFireNorHold(AlertRule rule, Light light)
    {
        var history = GapHistory.Empty.Record(Fx.D("2025-05-01"), 0, 42);
        var ev = Ev(-100, light, willMiss: true, forecast: new Forecast(1, 1, 1));
        var r = AlertConditions.ForTarget(PlanJson.Load().FindTarget("hi-tech")!, S, ev, history).Single(x => x.Rule == rule);
        Assert.Null(r.HeldLevel);
    }

    [Theory]
    [InlineData(TargetKind.Count, "Behind,WillMiss,FallingFast")]
    [InlineData(TargetKind.Range, "Behind,WillMiss,FallingFast")]
    [InlineData(TargetKind.Growth, "Behind,WillMiss,FallingFast")]
    [InlineData(TargetKind.Ratio, "Behind,WillMiss,FallingFast")]
    [InlineData(TargetKind.Milestone, "MilestoneOverdue")]
    [InlineData(TargetKind.Rank, "")]
    public void RulesFor_WhenKindIs_ListsApplicableRules(TargetKind kind, string expected)
    {
        Assert.Equal(expected, string.Join(",", AlertConditions.RulesFor(kind)));
    }

    [Theory]
    [InlineData(0, "-/-/clear-cut")]
    [InlineData(1, "Yellow/Yellow/clear-cut")]
    [InlineData(7, "Yellow/Yellow/clear-cut")]
    [InlineData(8, "Orange/Orange/clear-cut")]
    [InlineData(15, "Orange/Orange/clear-cut")]
    [InlineData(16, "Red/Red/clear-cut")]
    [InlineData(90, "Red/Red/clear-cut")]
    public void MilestoneOverdue_WhenDaysLate_YellowUpTo7OrangeUpTo15RedBeyond(int days, string expected)
    {
        Assert.Equal(expected, Show(AlertConditions.MilestoneOverdue(Ev(0, overdue: days), Thresholds.Default, S)));
    }

    [Theory]
    // forecast high vs annual target 100, margin 2 pp of the target
    [InlineData(99, true, "Orange/Orange/marginal")]
    [InlineData(98, true, "Orange/Orange/clear-cut")]
    [InlineData(60, true, "Orange/Orange/clear-cut")]
    [InlineData(100, false, "-/Orange/clear-cut")]
    [InlineData(102, false, "-/Orange/clear-cut")]
    [InlineData(102.01, false, "-/-/clear-cut")]
    public void WillMiss_WhenForecastHighIs_OrangeWithMarginOfTarget(double high, bool willMiss, string expected)
    {
        var r = AlertConditions.WillMiss(Ev(-12, Light.Yellow, willMiss: willMiss, forecast: new Forecast(high, high - 10, high)), S);
        Assert.Equal(expected, Show(r));
    }

    [Fact]
    public void WillMiss_BeforeHalfTheYear_OpensWhileLightIsStillYellow()
    {
        // hi-tech 章贡区: 40 家 on a linear curve; 3 by 31 May and 6 by 13 June (the plan owes 17 whole 家): 27.5 pp behind
        // (yellow); forecast high 36 < 40 from two figures (issue 17: will-miss needs two, and a range that already
        // allows a return to the plan's pace; one figure of 6 by 30 April no longer says "will miss").
        var plan = PlanJson.Load();
        var ev = Fx.Eval(plan, "hi-tech", "360702", Fx.At("2025-06-14", 20), [Fx.R("2025-05-31", 3), Fx.R("2025-06-13", 6)]);
        Assert.Equal(Light.Yellow, ev.Light);
        Assert.True(ev.WillMiss);
        var state = TargetAlertState.Empty("hi-tech", "360702");
        var step = TargetAlerts.Observe(state, plan.FindTarget("hi-tech")!, ev, Fx.At("2025-06-14", 20), Cal2025);
        var opened = step.Notices.Where(n => n.Transition == AlertTransition.Opened).Select(n => $"{n.Key.Rule}:{n.Severity}");
        Assert.Equal(["Behind:Yellow", "WillMiss:Orange"], opened);

        // the light turns red only once half the plan is due at the figure's date (2 July: 20 of 40 owed, 9 done)
        var later = Fx.Eval(plan, "hi-tech", "360702", Fx.At("2025-07-03", 20),
            [Fx.R("2025-05-31", 3), Fx.R("2025-06-13", 6), Fx.R("2025-07-02", 9)], Light.Yellow);
        Assert.Equal(Light.Red, later.Light);
    }

    [Theory]
    // gap 4 weeks ago → gap now; N = 10, M = 4, margin 2
    [InlineData(-2, -13, "Yellow/Yellow/marginal")]
    [InlineData(-2, -14, "Yellow/Yellow/clear-cut")]
    [InlineData(-2, -12, "-/Yellow/clear-cut")]
    [InlineData(-2, -10, "-/Yellow/clear-cut")]
    [InlineData(-2, -9.9, "-/-/clear-cut")]
    [InlineData(5, -6, "Yellow/Yellow/marginal")]
    [InlineData(20, 5, "-/-/clear-cut")]
    [InlineData(20, 1, "-/Yellow/clear-cut")]
    public void FallingFast_WhenGapWorsenedOverFourWeeks_FiresOnlyBeyondNWhileBehind(double then, double now, string expected)
    {
        var history = GapHistory.Empty.Record(Fx.D("2025-05-05"), then, 42).Record(Fx.D("2025-06-02"), now, 42);
        var r = AlertConditions.FallingFast(Ev(now, Light.Yellow, "2025-06-02"), history, S);
        Assert.Equal(expected, Show(r));
    }

    [Fact]
    public void FallingFast_WhenHistoryIsShorterThanWindow_DoesNotFire()
    {
        var history = GapHistory.Empty.Record(Fx.D("2025-05-06"), 0, 42).Record(Fx.D("2025-06-02"), -40, 42);
        Assert.Null(AlertConditions.FallingFast(Ev(-40, Light.Red, "2025-06-02"), history, S).HeldLevel);
    }

    [Fact]
    public void FallingFast_WhenWindowSampleIsMissing_UsesNewestSampleBefore()
    {
        var history = GapHistory.Empty.Record(Fx.D("2025-05-01"), -1, 42).Record(Fx.D("2025-05-10"), -20, 42).Record(Fx.D("2025-06-02"), -14, 42);
        var r = AlertConditions.FallingFast(Ev(-14, Light.Yellow, "2025-06-02"), history, S);
        Assert.Equal(13, r.Points, 9);
    }

    [Fact]
    public void GapHistory_Record_KeepsOnePerDayAndOnlyTheWindow()
    {
        var h = GapHistory.Empty;
        for (var d = 0; d < 60; d++) h = h.Record(Fx.D("2025-04-01").AddDays(d), -d, 42);
        h = h.Record(Fx.D("2025-05-30"), -100, 42).Record(Fx.D("2025-05-01"), 7, 42);
        Assert.Equal(43, h.Samples.Length);
        Assert.Equal(Fx.D("2025-04-18"), h.Samples[0].Date);
        Assert.Equal(new GapSample(Fx.D("2025-05-30"), -100), h.Samples[^1]);
    }

    [Fact]
    public void NotReported_WhenSeveralTargetsOfUnitAreMissing_OneReadingNamingThem()
    {
        var names = new Dictionary<string, string> { ["hi-tech"] = "新认定高新技术企业", ["rd-growth"] = "全社会研发投入增长", ["rd-intensity"] = "研发投入强度" };
        var r = AlertConditions.NotReported([("hi-tech", true), ("rd-growth", false), ("rd-intensity", true)], id => names[id]);
        Assert.Equal("Yellow/Yellow/clear-cut", Show(r));
        Assert.Equal(2, r.Points);
        Assert.Equal("未报送：新认定高新技术企业、研发投入强度", r.Detail);
    }

    [Fact]
    public void UnitAlerts_WhenManyTargetsNotReported_OpensOneAlertPerUnit()
    {
        // nothing reported by 15 March: the monthly hi-tech (31 + 5 days) and quarterly rd-growth are judged; hi-tech is 未报送
        var plan = PlanJson.Load();
        var now = Fx.At("2025-03-15", 10);
        var units = new[] { "360702", "360703" };
        var notices = new List<AlertNotice>();
        foreach (var unit in units)
        {
            var evaluations = plan.Targets.Where(t => t.AssignmentFor(unit) is not null)
                .Select(t => (t.Id, Fx.Eval(plan, t.Id, unit, now).NotReported)).ToList();
            Assert.True(evaluations.Count(e => e.NotReported) >= 1);
            var step = UnitAlerts.ObserveNotReported(AlertTrack.New(AlertKey.ForUnit(unit, AlertRule.NotReported)), evaluations, plan.Alerts, now, Cal2025,
                id => plan.FindTarget(id)!.Name);
            notices.AddRange(step.Notices);
            // The alert names the missing targets as the plan does, and escalates to the city office by its name.
            var missing = evaluations.Where(e => e.NotReported).Select(e => plan.FindTarget(e.Id)!.Name);
            Assert.Equal("未报送：" + string.Join("、", missing), step.Track.Alert!.History[0].Note);
            Assert.Equal("市科技局", step.Track.Alert.EscalateTo);
        }
        Assert.Equal(["_.360702.not-reported.20250315", "_.360703.not-reported.20250315"], notices.Select(n => n.AlertId));
        Assert.All(notices, n => Assert.Equal(AlertTransition.Opened, n.Transition));
    }
}
