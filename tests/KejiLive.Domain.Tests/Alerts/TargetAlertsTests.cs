using KejiLive.Domain.Alerts;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>The grain-facing call end to end: real evaluations of hi-tech × 章贡区 (40 家, linear, yellow at 5 pp in the
/// test plan), judged as a grain would, at each NextCheckAt or daily.</summary>
public class TargetAlertsTests
{
    [Fact]
    public void Observe_WhenJudgedDailyWithoutAnswer_OpensRemindsAndEscalatesOnce()
    {
        var plan = PlanJson.Load();
        var target = plan.FindTarget("hi-tech")!;
        // Two figures (issue 17: will-miss needs two, and a range that excludes 40 even at the plan's pace from here).
        var reports = new[] { Fx.R("2025-04-30", 3), Fx.R("2025-05-30", 5) };
        var state = TargetAlertState.Empty("hi-tech", "360702");
        var notices = new List<AlertNotice>();
        var light = Light.Grey;
        for (var now = T("2025-06-02 09:00"); now <= T("2025-06-12 09:00"); now = now.AddDays(1))
        {
            var ev = Fx.Eval(plan, "hi-tech", "360702", now, reports, light);
            light = ev.Light;
            var step = TargetAlerts.Observe(state, target, ev, now, Cal2025);
            state = step.State;
            notices.AddRange(step.Notices);
        }
        // 5 of 40 on 2 June (端午, a holiday): 12.5% done vs 41.1% due → 28.6 pp behind: behind (clear crossing) and
        // will-miss open at once; reminders after 1 and 3 days; no answer by the end of the 3rd working day (Thu 5 June)
        // → escalated at the first judgement after it, before that day's reminder; then quiet until the weekly reminder
        Assert.Equal(
            ["06-02 behind/opened/1", "06-03 behind/reminded/2", "06-06 behind/escalated/3", "06-06 behind/reminded/4",
             "06-02 will-miss/opened/1", "06-03 will-miss/reminded/2", "06-06 will-miss/escalated/3", "06-06 will-miss/reminded/4"],
            notices.OrderBy(n => n.Key.Rule).ThenBy(n => n.Sequence)
                .Select(n => $"{n.RaisedAt:MM-dd} {AlertIds.RuleCode(n.Key.Rule)}/{AlertIds.TransitionCode(n.Transition)}/{n.Sequence}"));
        Assert.All(notices.Where(n => n.Transition == AlertTransition.Escalated), n => Assert.Equal("副局长", n.Recipient));
        Assert.Equal(11, state.History.Samples.Length);
    }

    [Fact]
    public void Observe_WhenAcknowledgedThenCaughtUp_ResolvesAfterHoldAndNextCheckAtIsEarliestDue()
    {
        var plan = PlanJson.Load();
        var target = plan.FindTarget("hi-tech")!;
        var reports = new List<ReportEntry> { Fx.R("2025-04-30", 3), Fx.R("2025-05-30", 5) };
        var state = TargetAlertState.Empty("hi-tech", "360702");
        var t0 = T("2025-06-02 09:00");
        state = TargetAlerts.Observe(state, target, Fx.Eval(plan, "hi-tech", "360702", t0, reports), t0, Cal2025).State;
        var behind = state.Track(AlertRule.Behind).Alert!;
        state = state.WithAlert(Ack(behind, "2025-06-30", T("2025-06-02 15:00")));
        Assert.Equal(AlertState.Acknowledged, state.Track(AlertRule.Behind).Alert!.State);

        reports.Add(Fx.R("2025-06-03", 18, T("2025-06-03 16:00")));
        var t1 = T("2025-06-03 17:00");
        var step = TargetAlerts.Observe(state, target, Fx.Eval(plan, "hi-tech", "360702", t1, reports, Light.Yellow), t1, Cal2025);
        Assert.Empty(step.Notices.Where(n => n.Key.Rule == AlertRule.Behind));
        Assert.Equal(t1, step.State.Track(AlertRule.Behind).ClearSince);
        // the earliest thing due: the unanswered will-miss alert escalates at 00:00 on 6 June, before the hold ends at 17:00
        Assert.Equal(AlertState.Open, step.State.Track(AlertRule.WillMiss).Alert!.State);
        Assert.Equal(T("2025-06-06 00:00"), step.NextCheckAt);

        var t2 = t1.AddDays(3);
        var done = TargetAlerts.Observe(step.State, target, Fx.Eval(plan, "hi-tech", "360702", t2, reports, Light.Green), t2, Cal2025);
        Assert.Contains(done.Notices, n => n.Key.Rule == AlertRule.Behind && n.Transition == AlertTransition.Resolved);
        Assert.Equal(AlertState.Resolved, done.State.Track(AlertRule.Behind).Alert!.State);
    }
}
