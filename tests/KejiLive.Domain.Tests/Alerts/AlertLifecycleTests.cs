using KejiLive.Domain.Alerts;
using KejiLive.Domain.Tests.Support;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

public class AlertLifecycleTests
{
    private static readonly DateTimeOffset At = T("2025-06-02 10:00");

    private static Alert InState(string state) => state switch
    {
        "open" => NewAlert(At),
        "acknowledged" => Ack(NewAlert(At), "2025-06-30", At.AddHours(1)),
        "resolved" => Resolved(At),
        "closed" => Closed(At),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    [Fact]
    public void Acknowledge_WhenOpen_RecordsRemedyPromiseWhoAndWhen()
    {
        var now = At.AddHours(3);
        var result = AlertLifecycle.Acknowledge(NewAlert(At), "章贡区科技局", "  走访企业，9月底前完成申报辅导 ", Fx.D("2025-09-30"), now, 2025);
        Assert.True(result.IsOk);
        var a = result.Alert!;
        Assert.Equal(AlertState.Acknowledged, a.State);
        Assert.Equal("走访企业，9月底前完成申报辅导", a.Remedy);
        Assert.Equal(Fx.D("2025-09-30"), a.PromisedBy);
        var change = a.History[^1];
        Assert.Equal(new AlertChange(2, AlertTransition.Acknowledged, now, "章贡区科技局", AlertState.Open, AlertState.Acknowledged,
            AlertSeverity.Yellow, 0, "走访企业，9月底前完成申报辅导（承诺 2025-09-30）"), change);
    }

    [Theory]
    [InlineData("open", "2025-06-02")] // today is allowed
    [InlineData("open", "2025-12-31")]
    [InlineData("acknowledged", "2025-07-15")] // a revised answer
    public void Acknowledge_WhenValid_IsApplied(string state, string promisedBy)
    {
        var result = AlertLifecycle.Acknowledge(InState(state), "章贡区科技局", "整改", Fx.D(promisedBy), At.AddHours(2), 2025);
        Assert.True(result.IsOk);
        Assert.Equal(Fx.D(promisedBy), result.Alert!.PromisedBy);
    }

    [Theory]
    [InlineData("closed", "整改", "2025-06-30", "章贡区", AlertRefusalCode.AlertClosed, "state")]
    [InlineData("resolved", "整改", "2025-06-30", "章贡区", AlertRefusalCode.AlertResolved, "state")]
    [InlineData("open", "", "2025-06-30", "章贡区", AlertRefusalCode.InvalidRemedy, "note")]
    [InlineData("open", "   ", "2025-06-30", "章贡区", AlertRefusalCode.InvalidRemedy, "note")]
    [InlineData("open", "整改", "2025-06-01", "章贡区", AlertRefusalCode.PromiseInPast, "promisedBy")]
    [InlineData("acknowledged", "整改", "2025-01-01", "章贡区", AlertRefusalCode.PromiseInPast, "promisedBy")]
    [InlineData("open", "整改", "2026-01-01", "章贡区", AlertRefusalCode.PromiseBeyondYearEnd, "promisedBy")]
    [InlineData("open", "整改", "2025-06-30", " ", AlertRefusalCode.MissingActor, "actor")]
    public void Acknowledge_WhenNotAllowed_IsRefusedNamingField(string state, string remedy, string promisedBy, string actor, AlertRefusalCode code, string field)
    {
        var result = AlertLifecycle.Acknowledge(InState(state), actor, remedy, Fx.D(promisedBy), At.AddHours(2), 2025);
        Assert.False(result.IsOk);
        Assert.Null(result.Alert);
        Assert.Equal(code, result.Refusal!.Code);
        Assert.Equal(field, result.Refusal.Field);
    }

    /// <summary>A county reporter reads these sentences on /alerts as they are: Chinese, saying what to do instead.</summary>
    [Theory]
    [InlineData("closed", "整改", "2025-06-30", "章贡区", "该督办已销号，不能再更改。")]
    [InlineData("resolved", "整改", "2025-06-30", "章贡区", "该督办已回到序时进度（已解除），无需答复。")]
    [InlineData("open", " ", "2025-06-30", "章贡区", "请填写整改措施。")]
    [InlineData("open", "整改", "2025-06-01", "章贡区", "承诺完成时间 2025-06-01 早于今天（2025-06-02），请填今天或以后的日期。")]
    [InlineData("open", "整改", "2026-01-01", "章贡区", "承诺完成时间 2026-01-01 晚于计划年度末（2025-12-31），请填本年度内的日期。")]
    [InlineData("open", "整改", "2025-06-30", " ", "未能识别操作人，请重新登录后再试。")]
    public void Acknowledge_WhenRefused_SaysWhyInChinese(string state, string remedy, string promisedBy, string actor, string message)
    {
        var result = AlertLifecycle.Acknowledge(InState(state), actor, remedy, Fx.D(promisedBy), At.AddHours(2), 2025);
        Assert.Equal(message, result.Refusal!.Message);
    }

    [Theory]
    [InlineData("open", null, "该督办待答复，尚未回到序时进度：销号须填写说明。")]
    [InlineData("acknowledged", " ", "该督办已答复，尚未回到序时进度：销号须填写说明。")]
    [InlineData("closed", "再次销号", "该督办已销号，不能再更改。")]
    public void Close_WhenRefused_SaysWhyInChinese(string state, string? note, string message)
    {
        Assert.Equal(message, AlertLifecycle.Close(InState(state), "市科技局办公室", note, At.AddDays(10)).Refusal!.Message);
    }

    [Fact]
    public void Acknowledge_WhenRemedyTooLong_IsRefused()
    {
        var result = AlertLifecycle.Acknowledge(NewAlert(At), "章贡区", new string('整', AlertLifecycle.MaxTextLength + 1), Fx.D("2025-06-30"), At, 2025);
        Assert.Equal(AlertRefusalCode.InvalidRemedy, result.Refusal!.Code);
        Assert.Equal("整改措施不能超过 2000 字（当前 2001 字），请精简后再提交。", result.Refusal.Message);
    }

    [Fact]
    public void Acknowledge_WhenPromiseIsTodayInShanghaiButYesterdayInUtc_IsAccepted()
    {
        // 2025-06-03 07:00 +08:00 is still 2 June in UTC; the Shanghai date decides
        var now = T("2025-06-03 07:00");
        Assert.True(AlertLifecycle.Acknowledge(NewAlert(At), "章贡区", "整改", Fx.D("2025-06-03"), now, 2025).IsOk);
    }

    [Theory]
    [InlineData("open", "已专题调度", true, null)]
    [InlineData("acknowledged", "整改到位，提前销号", true, null)]
    [InlineData("resolved", null, true, null)]
    [InlineData("resolved", "已恢复", true, null)]
    [InlineData("open", null, false, AlertRefusalCode.InvalidNote)]
    [InlineData("acknowledged", " ", false, AlertRefusalCode.InvalidNote)]
    [InlineData("closed", "再次销号", false, AlertRefusalCode.AlertClosed)]
    public void Close_ByCityOffice_AnyStateButClosedWithNoteWhenNotResolved(string state, string? note, bool ok, AlertRefusalCode? code)
    {
        var before = InState(state);
        var result = AlertLifecycle.Close(before, "市科技局办公室", note, At.AddDays(10));
        Assert.Equal(ok, result.IsOk);
        Assert.Equal(code, result.Refusal?.Code);
        if (ok)
        {
            var last = result.Alert!.History[^1];
            Assert.Equal((AlertTransition.Closed, before.State, AlertState.Closed, "市科技局办公室"), (last.Transition, last.From, last.To, last.Actor));
        }
    }

    [Fact]
    public void Close_WhenActorMissing_IsRefused()
    {
        Assert.Equal(AlertRefusalCode.MissingActor, AlertLifecycle.Close(Resolved(At), "", null, At.AddDays(6)).Refusal!.Code);
    }

    [Fact]
    public void AutomaticTransitions_WhenNotApplicable_LeaveAlertUnchanged()
    {
        var closed = Closed(At);
        Assert.Same(closed, AlertLifecycle.Resolve(closed, At.AddDays(9)));
        Assert.Same(closed, AlertLifecycle.Escalate(closed, EscalationReason.NotAcknowledged, At.AddDays(9)));
        Assert.Same(closed, AlertLifecycle.Remind(closed, At.AddDays(9)));
        Assert.Same(closed, AlertLifecycle.Reopen(closed, AlertSeverity.Red, 40, At.AddDays(9)));
        var open = NewAlert(At);
        Assert.Same(open, AlertLifecycle.Reopen(open, AlertSeverity.Red, 40, At.AddDays(1)));
        Assert.Equal(1, AlertLifecycle.ChangeSeverity(open, AlertSeverity.Yellow, 13, At.AddDays(1)).Sequence);
    }

    [Fact]
    public void History_WhenFullLifecycle_RecordsEveryChangeInOrder()
    {
        var a = NewAlert(At);
        a = AlertLifecycle.ChangeSeverity(a, AlertSeverity.Red, 31, At.AddDays(1));
        a = AlertLifecycle.Remind(a, At.AddDays(1));
        a = AlertLifecycle.Escalate(a, EscalationReason.NotAcknowledged, At.AddDays(4));
        a = Ack(a, "2025-06-30", At.AddDays(5));
        a = AlertLifecycle.Resolve(a, At.AddDays(20));
        a = AlertLifecycle.Close(a, "市科技局办公室", null, At.AddDays(21)).Alert!;
        Assert.Equal(
            ["1:Opened:system:Open>Open", "2:SeverityRaised:system:Open>Open", "3:Reminded:system:Open>Open", "4:Escalated:system:Open>Open",
             "5:Acknowledged:章贡区科技局:Open>Acknowledged", "6:Resolved:system:Acknowledged>Resolved", "7:Closed:市科技局办公室:Resolved>Closed"],
            a.History.Select(h => $"{h.Sequence}:{h.Transition}:{h.Actor}:{h.From}>{h.To}"));
        Assert.Equal(1, a.EscalationLevel);
        Assert.Equal(AlertSeverity.Red, a.Severity);
    }
}
