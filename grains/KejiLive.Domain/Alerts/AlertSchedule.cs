using KejiLive.Domain.Calendar;

namespace KejiLive.Domain.Alerts;

/// <summary>Escalations and reminders of live alerts, with their deadlines in Asia/Shanghai.</summary>
/// <remarks>
/// Escalation (to <see cref="Alert.EscalateTo"/>): an open alert not acknowledged by the end of the
/// <see cref="AlertSettings.AckWorkingDays"/>-th working day after the Shanghai date it opened (or reopened) — the
/// deadline instant is 00:00 of the next day; once per wait. An acknowledged alert whose promised date has passed
/// (00:00 of the day after it) while not resolved — once per promised date.
/// Reminders (to the unit) while it owes an answer: the alert is open, or acknowledged with the promised date passed.
/// The first comes <see cref="AlertSettings.ReminderGap"/>(0) after the wait began (the open, or the day after the
/// promised date), each next one the following gap after the previous one (1 day, 3 days, then weekly). After an outage
/// one reminder goes out and the next counts from it: reminders never bunch up.
/// Instants here are when a notice is raised; delivery waits for <see cref="MuteWindows.NextDeliveryInstant"/>.
/// </remarks>
public static class AlertSchedule
{
    /// <summary>What is due at <paramref name="now"/> and the next instant anything is due.</summary>
    public static AlertDue Due(Alert alert, DateTimeOffset now, AlertSettings settings, HolidayCalendar calendar)
    {
        if (!alert.IsLive) return new AlertDue(false, null, null);
        EscalationReason? escalate = null;
        DateTimeOffset? next = null;
        void Candidate(DateTimeOffset at) => next = next is { } n && n <= at ? n : at;

        if (alert.State == AlertState.Open && !alert.EscalatedUnanswered)
        {
            var deadline = AckDeadline(alert, settings, calendar);
            if (now >= deadline) escalate = EscalationReason.NotAcknowledged;
            else Candidate(deadline);
        }
        DateTimeOffset? missedAt = alert is { State: AlertState.Acknowledged, PromisedBy: { } p } ? ShanghaiTime.StartOf(p.AddDays(1)) : null;
        if (missedAt is { } m && alert.EscalatedForPromise != alert.PromisedBy)
        {
            if (now >= m) escalate ??= EscalationReason.PromiseMissed;
            else Candidate(m);
        }

        var remind = false;
        DateTimeOffset? anchor = alert.State == AlertState.Open ? alert.AwaitingSince : missedAt;
        if (anchor is { } a)
        {
            var reminderAt = (alert.LastReminderAt ?? a) + settings.ReminderGap(alert.RemindersSent);
            if (now >= reminderAt && now >= a) remind = true;
            else Candidate(reminderAt);
        }
        return new AlertDue(remind, escalate, remind || escalate is not null ? now : next);
    }

    /// <summary>Applies whatever is due at <paramref name="now"/> (escalation first, then reminder) and returns the
    /// new alert; unchanged when nothing is due. Notices: <see cref="AlertNotices.Between"/>(before, after).</summary>
    public static Alert Apply(Alert alert, DateTimeOffset now, AlertSettings settings, HolidayCalendar calendar)
    {
        var due = Due(alert, now, settings, calendar);
        var next = alert;
        if (due.Escalate is { } reason) next = AlertLifecycle.Escalate(next, reason, now);
        if (due.Remind) next = AlertLifecycle.Remind(next, now);
        return next;
    }

    /// <summary>The instant an open alert escalates if still not acknowledged: 00:00 Shanghai after the
    /// <see cref="AlertSettings.AckWorkingDays"/>-th working day following the date the wait began.</summary>
    public static DateTimeOffset AckDeadline(Alert alert, AlertSettings settings, HolidayCalendar calendar) =>
        AckDeadline(alert.AwaitingSince, settings, calendar);

    /// <summary>The last day (Shanghai) an open alert may be answered before it escalates: the
    /// <see cref="AlertSettings.AckWorkingDays"/>-th working day after the wait began, the day <see cref="AckDeadline(Alert, AlertSettings, HolidayCalendar)"/>
    /// ends. Null unless the alert is open (an answered, resolved or closed one waits for no answer).</summary>
    public static DateOnly? AnswerBy(Alert alert, AlertSettings settings, HolidayCalendar calendar) =>
        alert.State == AlertState.Open ? calendar.AddWorkingDays(ShanghaiTime.DateOf(alert.AwaitingSince), settings.AckWorkingDays) : null;

    /// <summary>The same deadline for a wait that began at <paramref name="awaitingSince"/>.</summary>
    public static DateTimeOffset AckDeadline(DateTimeOffset awaitingSince, AlertSettings settings, HolidayCalendar calendar)
    {
        var last = calendar.AddWorkingDays(ShanghaiTime.DateOf(awaitingSince), settings.AckWorkingDays);
        return ShanghaiTime.StartOf(last.AddDays(1));
    }
}
