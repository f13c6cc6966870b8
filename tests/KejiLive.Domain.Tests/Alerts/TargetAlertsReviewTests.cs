using KejiLive.Domain.Alerts;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>While the value judged is 待核实 the lag rules hold still: hi-tech × 章贡区 (40 家, linear, yellow at 5 pp).</summary>
public class TargetAlertsReviewTests
{
    private static readonly Planning.PlanDocument Plan = PlanJson.Load();
    private static readonly Planning.TargetDefinition HiTech = Plan.FindTarget("hi-tech")!;

    private static TargetAlertStep Observe(TargetAlertState state, DateTimeOffset now, params ReportEntry[] reports) =>
        TargetAlerts.Observe(state, HiTech, Fx.Eval(Plan, "hi-tech", "360702", now, reports), now, Cal2025);

    [Theory]
    [InlineData(false, 2)] // 3 by 30 Apr, 5 by 30 May, on 2 June: 28.6 pp behind → behind and will-miss open at once (two figures: issue 17)
    [InlineData(true, 0)] // the same figure 待核实: nothing opens
    public void Observe_WhenBehindOnFigureAwaitingReview_OpensNothingAndRecordsNoGap(bool pending, int opened)
    {
        var now = T("2025-06-02 09:00");
        var step = Observe(TargetAlertState.Empty("hi-tech", "360702"), now, Fx.R("2025-04-30", 3), Fx.R("2025-05-30", 5) with { AwaitingReview = pending });
        Assert.Equal(opened, step.Notices.Count(n => n.Transition == AlertTransition.Opened));
        Assert.Equal(pending ? 0 : 1, step.State.History.Samples.Length);
    }

    [Fact]
    public void Observe_WhenConfirmed_OpensAtTheNextJudgement()
    {
        var state = TargetAlertState.Empty("hi-tech", "360702");
        var first = Fx.R("2025-04-30", 3);
        var report = Fx.R("2025-05-30", 5, id: "r-confirm");
        for (var now = T("2025-06-02 09:00"); now <= T("2025-06-06 09:00"); now = now.AddDays(1))
        {
            state = Observe(state, now, first, report with { AwaitingReview = true }).State;
        }
        Assert.All(AlertConditions.RulesFor(HiTech.Kind), r => Assert.Null(state.Track(r).Alert));

        var step = Observe(state, T("2025-06-06 10:00"), first, report);
        Assert.Equal([AlertRule.Behind, AlertRule.WillMiss], step.Notices.Where(n => n.Transition == AlertTransition.Opened).Select(n => n.Key.Rule).Order());
    }

    [Fact]
    public void Observe_WhenLiveAlertAndJumpAwaitsReview_NeitherResolvesNorChangesButStillEscalates()
    {
        var early = Fx.R("2025-05-30", 8);
        var t0 = T("2025-06-02 09:00");
        var state = Observe(TargetAlertState.Empty("hi-tech", "360702"), t0, early).State;
        var opened = state.Track(AlertRule.Behind).Alert!;
        Assert.Equal(AlertState.Open, opened.State);

        // a jump to 30 (on track) that awaits review: judged daily for ten days, longer than the hold (3 days)
        var jump = Fx.R("2025-06-03", 30, T("2025-06-03 10:00")) with { AwaitingReview = true };
        var notices = new List<AlertNotice>();
        for (var now = T("2025-06-03 11:00"); now <= T("2025-06-12 11:00"); now = now.AddDays(1))
        {
            var step = Observe(state, now, early, jump);
            state = step.State;
            notices.AddRange(step.Notices);
        }
        var held = state.Track(AlertRule.Behind);
        Assert.Equal((AlertState.Open, opened.Severity, opened.Points, (DateTimeOffset?)null), (held.Alert!.State, held.Alert.Severity, held.Alert.Points, held.ClearSince));
        Assert.DoesNotContain(notices, n => n.Transition is AlertTransition.Resolved or AlertTransition.Opened or AlertTransition.SeverityRaised);
        Assert.Contains(notices, n => n.Transition == AlertTransition.Escalated && n.Key.Rule == AlertRule.Behind);

        // confirmed: the on-track figure starts the hold at the next judgement
        var after = Observe(state, T("2025-06-12 12:00"), early, jump with { AwaitingReview = false });
        Assert.Equal(T("2025-06-12 12:00"), after.State.Track(AlertRule.Behind).ClearSince);
    }
}
