using KejiLive.Domain.Calendar;

namespace KejiLive.Domain.Alerts;

/// <summary>The 督办 transitions as pure functions: each takes an alert and the instant, and returns the new alert
/// (one more history entry) or a refusal with the alert unchanged. Automatic transitions (open, severity, resolve,
/// reopen, escalate, remind) are called by <see cref="AlertTracker"/> and <see cref="AlertSchedule"/>; people call
/// <see cref="Acknowledge"/>, <see cref="Close"/> and <see cref="ReopenClosed"/>.</summary>
/// <remarks>Decisions: an acknowledged alert may be acknowledged again (a revised remedy or date; recorded); a resolved
/// or closed alert cannot be acknowledged. The city office may close (销号) an alert in any state except closed; closing
/// one that is not resolved needs a note saying why. The promised date must be today or later and within the plan year.</remarks>
public static class AlertLifecycle
{
    /// <summary>The actor recorded for automatic changes.</summary>
    public const string SystemActor = "system";

    /// <summary>Longest remedy or note accepted, in characters.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>A new open alert; <paramref name="detectedAt"/> ≤ <paramref name="now"/> is when the condition was first seen.</summary>
    public static Alert Open(AlertKey key, AlertSeverity severity, double points, string escalateTo,
        DateTimeOffset detectedAt, DateTimeOffset now, int sameDaySequence = 1, string? note = null)
    {
        var id = AlertIds.AlertId(key, ShanghaiTime.DateOf(now), sameDaySequence);
        var first = new AlertChange(1, AlertTransition.Opened, now, SystemActor, AlertState.Open, AlertState.Open, severity, 0, note);
        return new Alert(id, key, AlertState.Open, severity, escalateTo, detectedAt, now, now, null, null, 0, false, null, 0, null, points, [first]);
    }

    /// <summary>The unit answers: remedy (整改措施) and the date it promises to be back on track by.</summary>
    public static AlertResult Acknowledge(Alert alert, string actor, string remedy, DateOnly promisedBy, DateTimeOffset now, int planYear)
    {
        if (alert.State == AlertState.Closed) return Closed(alert);
        if (alert.State == AlertState.Resolved)
            return AlertResult.Refused(AlertRefusalCode.AlertResolved, "state", "该督办已回到序时进度（已解除），无需答复。");
        if (string.IsNullOrWhiteSpace(actor)) return NoActor();
        if (string.IsNullOrWhiteSpace(remedy))
            return AlertResult.Refused(AlertRefusalCode.InvalidRemedy, "note", "请填写整改措施。");
        if (remedy.Length > MaxTextLength)
            return AlertResult.Refused(AlertRefusalCode.InvalidRemedy, "note", $"整改措施不能超过 {MaxTextLength} 字（当前 {remedy.Length} 字），请精简后再提交。");
        var today = ShanghaiTime.DateOf(now);
        if (promisedBy < today)
            return AlertResult.Refused(AlertRefusalCode.PromiseInPast, "promisedBy", $"承诺完成时间 {promisedBy:yyyy-MM-dd} 早于今天（{today:yyyy-MM-dd}），请填今天或以后的日期。");
        var yearEnd = new DateOnly(planYear, 12, 31);
        if (promisedBy > yearEnd)
            return AlertResult.Refused(AlertRefusalCode.PromiseBeyondYearEnd, "promisedBy", $"承诺完成时间 {promisedBy:yyyy-MM-dd} 晚于计划年度末（{yearEnd:yyyy-MM-dd}），请填本年度内的日期。");
        var next = alert with { State = AlertState.Acknowledged, Remedy = remedy.Trim(), PromisedBy = promisedBy, RemindersSent = 0, LastReminderAt = null };
        return AlertResult.Ok(Record(next, alert.State, AlertTransition.Acknowledged, now, actor, $"{remedy.Trim()}（承诺 {promisedBy:yyyy-MM-dd}）"));
    }

    /// <summary>销号 by the city office. A note is required unless the alert is resolved.</summary>
    public static AlertResult Close(Alert alert, string actor, string? note, DateTimeOffset now)
    {
        if (alert.State == AlertState.Closed) return Closed(alert);
        if (string.IsNullOrWhiteSpace(actor)) return NoActor();
        if (note is { Length: > MaxTextLength })
            return AlertResult.Refused(AlertRefusalCode.InvalidNote, "note", $"销号说明不能超过 {MaxTextLength} 字（当前 {note.Length} 字）。");
        if (alert.State != AlertState.Resolved && string.IsNullOrWhiteSpace(note))
            return AlertResult.Refused(AlertRefusalCode.InvalidNote, "note", $"该督办{StateText(alert.State)}，尚未回到序时进度：销号须填写说明。");
        return AlertResult.Ok(Record(alert with { State = AlertState.Closed }, alert.State, AlertTransition.Closed, now, actor, note?.Trim()));
    }

    /// <summary>The city office reopens a closed (销号) alert it closed wrongly: back to Open with a new wait for an answer
    /// (as the automatic reopen: remedy and promise kept for reference, reminders and the unanswered-escalation reset,
    /// severity and escalation level kept). The reason is required and recorded as the change's note. From then the
    /// automatic rules apply again: if the condition is clear the alert resolves (after the hold) and can be closed again.</summary>
    public static AlertResult ReopenClosed(Alert alert, string actor, string? reason, DateTimeOffset now)
    {
        if (alert.State != AlertState.Closed)
            return AlertResult.Refused(AlertRefusalCode.NotClosed, "state", $"督办 {alert.Id} 未销号（当前为{StateText(alert.State)}），无需重新打开。");
        if (string.IsNullOrWhiteSpace(actor)) return NoActor();
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxTextLength)
            return AlertResult.Refused(AlertRefusalCode.InvalidReason, "reason", $"重新打开须填写理由（不超过 {MaxTextLength} 字）。");
        var next = alert with
        {
            State = AlertState.Open, AwaitingSince = now, EscalatedUnanswered = false, RemindersSent = 0, LastReminderAt = null,
        };
        return AlertResult.Ok(Record(next, alert.State, AlertTransition.Reopened, now, actor, reason.Trim()));
    }

    /// <summary>Back on track: an open or acknowledged alert resolves (automatic, after the hold). Other states: unchanged.</summary>
    public static Alert Resolve(Alert alert, DateTimeOffset now, string? note = null) =>
        alert.IsLive ? Record(alert with { State = AlertState.Resolved }, alert.State, AlertTransition.Resolved, now, SystemActor, note) : alert;

    /// <summary>The condition returned before the city office closed the alert: back to open, a new wait for an answer
    /// (remedy kept for reference, reminders and the unanswered-escalation reset; the level stays). Other states: unchanged.</summary>
    public static Alert Reopen(Alert alert, AlertSeverity severity, double points, DateTimeOffset now, string? note = null)
    {
        if (alert.State != AlertState.Resolved) return alert;
        var next = alert with
        {
            State = AlertState.Open, Severity = severity, Points = points, AwaitingSince = now,
            EscalatedUnanswered = false, RemindersSent = 0, LastReminderAt = null,
        };
        return Record(next, alert.State, AlertTransition.Reopened, now, SystemActor, note);
    }

    /// <summary>A live alert's severity changes (raised or lowered); the reading is updated either way. Not live or
    /// same severity: only the reading is updated, nothing recorded. The change is noted in Chinese ("黄 → 红"), with
    /// <paramref name="why"/> when given (e.g. <see cref="AlertConditions.RedLightNote"/>).</summary>
    public static Alert ChangeSeverity(Alert alert, AlertSeverity severity, double points, DateTimeOffset now, string? why = null)
    {
        if (!alert.IsLive || severity == alert.Severity) return alert with { Points = points };
        var transition = severity > alert.Severity ? AlertTransition.SeverityRaised : AlertTransition.SeverityLowered;
        var note = $"{AlertNames.Severity(alert.Severity)} → {AlertNames.Severity(severity)}{(why is null ? "" : $"：{why}")}";
        return Record(alert with { Severity = severity, Points = points }, alert.State, transition, now, SystemActor, note);
    }

    /// <summary>Escalates to <see cref="Alert.EscalateTo"/> one level up. Not live: unchanged.</summary>
    public static Alert Escalate(Alert alert, EscalationReason reason, DateTimeOffset now)
    {
        if (!alert.IsLive) return alert;
        var next = reason == EscalationReason.NotAcknowledged
            ? alert with { EscalationLevel = alert.EscalationLevel + 1, EscalatedUnanswered = true }
            : alert with { EscalationLevel = alert.EscalationLevel + 1, EscalatedForPromise = alert.PromisedBy };
        var note = reason == EscalationReason.NotAcknowledged
            ? "逾期未反馈整改措施"
            : $"承诺期限 {alert.PromisedBy:yyyy-MM-dd} 已过仍未销号";
        return Record(next, alert.State, AlertTransition.Escalated, now, SystemActor, note);
    }

    /// <summary>Records a reminder to the unit. Not live: unchanged.</summary>
    public static Alert Remind(Alert alert, DateTimeOffset now)
    {
        if (!alert.IsLive) return alert;
        var next = alert with { RemindersSent = alert.RemindersSent + 1, LastReminderAt = now };
        return Record(next, alert.State, AlertTransition.Reminded, now, SystemActor, $"第{alert.RemindersSent + 1}次提醒");
    }

    private static Alert Record(Alert next, AlertState from, AlertTransition transition, DateTimeOffset now, string actor, string? note)
    {
        var history = next.History.IsDefault ? [] : next.History;
        var change = new AlertChange(history.Length + 1, transition, now, actor.Trim(), from, next.State, next.Severity, next.EscalationLevel, note);
        return next with { History = history.Add(change) };
    }

    private static string StateText(AlertState state) => state switch
    {
        AlertState.Open => "待答复",
        AlertState.Acknowledged => "已答复",
        AlertState.Resolved => "已回到序时",
        _ => "已销号",
    };

    private static AlertResult Closed(Alert alert) =>
        AlertResult.Refused(AlertRefusalCode.AlertClosed, "state", "该督办已销号，不能再更改。");

    private static AlertResult NoActor() => AlertResult.Refused(AlertRefusalCode.MissingActor, "actor", "未能识别操作人，请重新登录后再试。");
}
