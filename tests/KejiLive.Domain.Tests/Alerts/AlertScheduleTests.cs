using KejiLive.Domain.Alerts;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Tests.Support;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>Escalation after 3 working days (2025 calendar), promised dates, reminder back-off 1 d, 3 d, weekly.</summary>
public class AlertScheduleTests
{
    [Theory]
    [InlineData("2025-06-03 10:00", "2025-06-07 00:00")] // Tue → Wed, Thu, Fri
    [InlineData("2025-06-05 16:00", "2025-06-11 00:00")] // Thu → Fri, Mon, Tue
    [InlineData("2025-09-26 10:00", "2025-10-01 00:00")] // Fri → Sun 28 Sep (调休 workday), Mon, Tue
    [InlineData("2025-09-30 10:00", "2025-10-12 00:00")] // Tue → 国庆 1–8 Oct off → Thu 9, Fri 10, Sat 11 (调休)
    [InlineData("2025-10-03 10:00", "2025-10-12 00:00")] // opened in the holiday
    [InlineData("2025-10-10 10:00", "2025-10-15 00:00")] // Fri → Sat 11 (调休), Mon 13, Tue 14
    public void AckDeadline_WhenOpened_IsEndOfThirdWorkingDay(string opened, string deadline)
    {
        var alert = NewAlert(T(opened));
        Assert.Equal(T(deadline), AlertSchedule.AckDeadline(alert, S, Cal2025));
        Assert.NotEqual(EscalationReason.NotAcknowledged, AlertSchedule.Due(alert, T(deadline).AddTicks(-1), S, Cal2025).Escalate);
        Assert.Equal(EscalationReason.NotAcknowledged, AlertSchedule.Due(alert, T(deadline), S, Cal2025).Escalate);
    }

    [Fact]
    public void Apply_WhenNotAcknowledgedAcrossNationalDay_EscalatesOnceToLeader()
    {
        var alert = NewAlert(T("2025-09-30 10:00"));
        var escalated = AlertSchedule.Apply(alert, T("2025-10-12 00:00"), S, Cal2025);
        Assert.Equal(1, escalated.EscalationLevel);
        var notice = AlertNotices.Between(alert, escalated).Single(n => n.Transition == AlertTransition.Escalated);
        Assert.Equal((AlertAudience.Leader, "市科技局分管副局长"), (notice.Audience, notice.Recipient));
        var again = AlertSchedule.Apply(escalated, T("2025-10-20 00:00"), S, Cal2025);
        Assert.Equal(1, again.EscalationLevel);
    }

    [Fact]
    public void Due_WhenAcknowledgedBeforeDeadline_DoesNotEscalate()
    {
        var alert = Ack(NewAlert(T("2025-09-30 10:00")), "2025-10-31", T("2025-10-09 09:00"));
        var due = AlertSchedule.Due(alert, T("2025-10-12 00:00"), S, Cal2025);
        Assert.Null(due.Escalate);
        Assert.False(due.Remind);
        Assert.Equal(T("2025-11-01 00:00"), due.NextAt);
    }

    [Fact]
    public void Due_WhenPromisedDatePassedUnresolved_EscalatesOncePerPromise()
    {
        var alert = Ack(NewAlert(T("2025-08-01 10:00")), "2025-08-15", T("2025-08-01 15:00"));
        Assert.Null(AlertSchedule.Due(alert, T("2025-08-15 23:59"), S, Cal2025).Escalate);
        Assert.Equal(EscalationReason.PromiseMissed, AlertSchedule.Due(alert, T("2025-08-16 00:00"), S, Cal2025).Escalate);

        var escalated = AlertSchedule.Apply(alert, T("2025-08-16 00:00"), S, Cal2025);
        Assert.Equal((1, (DateOnly?)new DateOnly(2025, 8, 15)), (escalated.EscalationLevel, escalated.EscalatedForPromise));
        Assert.Null(AlertSchedule.Due(escalated, T("2025-08-16 09:00"), S, Cal2025).Escalate);

        var revised = AlertLifecycle.Acknowledge(escalated, "章贡区科技局", "追加措施", new DateOnly(2025, 8, 31), T("2025-08-18 10:00"), 2025).Alert!;
        var second = AlertSchedule.Apply(revised, T("2025-09-01 00:00"), S, Cal2025);
        Assert.Equal(2, second.EscalationLevel);
    }

    [Fact]
    public void Due_WhenResolvedOrClosed_NothingEverDue()
    {
        Assert.Equal(new AlertDue(false, null, null), AlertSchedule.Due(Resolved(T("2025-06-02 10:00")), T("2025-12-01 10:00"), S, Cal2025));
        Assert.Equal(new AlertDue(false, null, null), AlertSchedule.Due(Closed(T("2025-06-02 10:00")), T("2025-12-01 10:00"), S, Cal2025));
    }

    [Fact]
    public void Apply_WhenFollowingNextAt_RemindsAfter1Then3ThenEvery7Days()
    {
        var settings = S with { AckWorkingDays = 200 };
        var alert = NewAlert(T("2025-06-02 10:00"));
        var reminders = new List<DateTimeOffset>();
        var now = alert.OpenedAt;
        for (var i = 0; i < 6; i++)
        {
            var due = AlertSchedule.Due(alert, now, settings, Cal2025);
            now = due.NextAt!.Value;
            alert = AlertSchedule.Apply(alert, now, settings, Cal2025);
            reminders.Add(alert.LastReminderAt!.Value);
        }
        Assert.Equal(
            [T("2025-06-03 10:00"), T("2025-06-06 10:00"), T("2025-06-13 10:00"), T("2025-06-20 10:00"), T("2025-06-27 10:00"), T("2025-07-04 10:00")],
            reminders);
        Assert.Equal(6, alert.RemindersSent);
    }

    [Fact]
    public void Apply_WhenCheckedManyTimesAnHour_SendsNoExtraReminders()
    {
        var alert = NewAlert(T("2025-06-02 10:00"));
        var settings = S with { AckWorkingDays = 200 };
        for (var t = T("2025-06-02 10:00"); t < T("2025-06-09 10:00"); t = t.AddMinutes(30)) alert = AlertSchedule.Apply(alert, t, settings, Cal2025);
        Assert.Equal([T("2025-06-03 10:00"), T("2025-06-06 10:00")], alert.History.Where(h => h.Transition == AlertTransition.Reminded).Select(h => h.At));
    }

    [Fact]
    public void Apply_AfterLongOutage_SendsOneReminderAndCountsOnFromIt()
    {
        var settings = S with { AckWorkingDays = 200 };
        var alert = AlertSchedule.Apply(NewAlert(T("2025-06-02 10:00")), T("2025-06-03 10:00"), settings, Cal2025);
        alert = AlertSchedule.Apply(alert, T("2025-07-01 10:00"), settings, Cal2025);
        Assert.Equal(2, alert.RemindersSent);
        Assert.Equal(T("2025-07-08 10:00"), AlertSchedule.Due(alert, T("2025-07-01 10:00"), settings, Cal2025).NextAt);
    }

    [Fact]
    public void Due_WhenAcknowledged_RemindersStopUntilPromisePassesThenRestart()
    {
        var alert = AlertSchedule.Apply(NewAlert(T("2025-06-02 10:00")), T("2025-06-03 10:00"), S, Cal2025);
        alert = Ack(alert, "2025-06-20", T("2025-06-04 09:00"));
        Assert.Equal(0, alert.RemindersSent);
        Assert.False(AlertSchedule.Due(alert, T("2025-06-20 12:00"), S, Cal2025).Remind);
        alert = AlertSchedule.Apply(alert, T("2025-06-21 00:00"), S, Cal2025); // escalation, no reminder yet
        Assert.Equal((1, 0), (alert.EscalationLevel, alert.RemindersSent));
        var due = AlertSchedule.Due(alert, T("2025-06-21 00:00"), S, Cal2025);
        Assert.Equal(T("2025-06-22 00:00"), due.NextAt);
        Assert.True(AlertSchedule.Due(alert, T("2025-06-22 00:00"), S, Cal2025).Remind);
    }

    [Fact]
    public void Due_WhenJustOpened_NextAtIsEarlierOfReminderAndDeadline()
    {
        var alert = NewAlert(T("2025-06-02 10:00"));
        Assert.Equal(new AlertDue(false, null, T("2025-06-03 10:00")), AlertSchedule.Due(alert, T("2025-06-02 10:00"), S, Cal2025));
        var shortGap = S with { Reminders = [TimeSpan.FromDays(10)] };
        Assert.Equal(T("2025-06-06 00:00"), AlertSchedule.Due(alert, T("2025-06-02 10:00"), shortGap, Cal2025).NextAt);
    }

    /// <summary>The day a unit's page names as the last to answer: the day before the escalation instant, holidays and
    /// 调休 workdays counted as the escalation counts them.</summary>
    [Theory]
    [InlineData("2025-06-03 10:00", "2025-06-06")] // Tue → Wed, Thu, Fri
    [InlineData("2025-06-05 16:00", "2025-06-10")] // Thu → Fri, Mon, Tue
    [InlineData("2025-09-26 10:00", "2025-09-30")] // Fri → Sun 28 Sep (调休 workday), Mon, Tue
    [InlineData("2025-09-30 10:00", "2025-10-11")] // 国庆 1–8 Oct off → Thu 9, Fri 10, Sat 11 (调休)
    [InlineData("2025-10-20 10:00", "2025-10-23")] // Mon → Tue, Wed, Thu
    public void AnswerBy_WhenOpen_IsTheLastWorkingDayBeforeEscalation(string opened, string answerBy)
    {
        var alert = NewAlert(T(opened));
        Assert.Equal(Fx.D(answerBy), AlertSchedule.AnswerBy(alert, S, Cal2025));
        Assert.Equal(T(answerBy + " 00:00").AddDays(1), AlertSchedule.AckDeadline(alert, S, Cal2025));
    }

    [Theory]
    [InlineData("acknowledged")]
    [InlineData("resolved")]
    [InlineData("closed")]
    public void AnswerBy_WhenNotWaitingForAnAnswer_IsNull(string state)
    {
        var at = T("2025-06-03 10:00");
        var alert = state switch
        {
            "acknowledged" => Ack(NewAlert(at), "2025-06-30", at.AddHours(1)),
            "resolved" => Resolved(at),
            _ => Closed(at),
        };
        Assert.Null(AlertSchedule.AnswerBy(alert, S, Cal2025));
    }

    [Fact]
    public void Due_WithWeekdaysOnlyCalendar_SkipsOnlyWeekends()
    {
        var alert = NewAlert(T("2025-09-30 10:00"));
        Assert.Equal(T("2025-10-04 00:00"), AlertSchedule.AckDeadline(alert, S, HolidayCalendar.WeekdaysOnly(2025)));
    }
}
