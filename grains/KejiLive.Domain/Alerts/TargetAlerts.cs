using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Alerts;

/// <summary>The one call a target × unit grain makes after each judgement (a report, a timer, a new day): records the
/// day's gap, reads every rule, runs each track (<see cref="AlertTracker"/>), then applies due escalations and reminders
/// (<see cref="AlertSchedule"/>).</summary>
public static class TargetAlerts
{
    /// <summary>Observe with the target's own settings (<see cref="TargetDefinition.Alerts"/>).</summary>
    public static TargetAlertStep Observe(TargetAlertState state, TargetDefinition target, TargetEvaluation evaluation,
        DateTimeOffset now, HolidayCalendar calendar) =>
        Observe(state, target, target.Alerts, evaluation, now, calendar);

    /// <summary>Observe with explicit settings. A grey evaluation adds no gap sample (nothing to judge). While the
    /// evaluation rests on a report awaiting review (<see cref="TargetEvaluation.AwaitingReview"/>, 待核实) no gap sample
    /// is recorded and the lag rules are held (<see cref="Held"/>); the next judgement after the confirmation reads them
    /// normally.</summary>
    public static TargetAlertStep Observe(TargetAlertState state, TargetDefinition target, AlertSettings settings,
        TargetEvaluation evaluation, DateTimeOffset now, HolidayCalendar calendar)
    {
        var s = state;
        if (evaluation.Light != Light.Grey && !evaluation.AwaitingReview)
        {
            s = s with { History = s.History.Record(evaluation.Date, evaluation.GapPoints, settings.HistoryDays) };
        }
        var notices = new List<AlertNotice>();
        DateTimeOffset? next = null;
        // Rules whose alert is live step first: when the light turns red the live lag 督办 is raised to red before another
        // lag rule, now red too, asks to open (it is then inhibited: one lag 督办 per target × unit).
        var start = s;
        var readings = AlertConditions.ForTarget(target, settings, evaluation, s.History)
            .OrderBy(r => start.Track(r.Rule).Alert is { IsLive: true } ? 0 : 1).ToList();
        foreach (var reading in readings)
        {
            var track = s.Track(reading.Rule);
            var step = (evaluation.AwaitingReview && HeldWhileAwaitingReview(reading.Rule)) || Inhibited(s, track, reading)
                ? Held(track, now, settings, calendar)
                : Step(track, reading, now, settings, calendar, target.Leader);
            s = s.With(step.Track);
            notices.AddRange(step.Notices);
            next = Earliest(next, step.NextCheckAt);
        }
        return new TargetAlertStep(s, [.. notices], next);
    }

    /// <summary>One key: the tracker, then whatever escalation or reminder is due; the next check is the earlier of both.</summary>
    internal static TrackStep Step(AlertTrack track, ConditionReading reading, DateTimeOffset now, AlertSettings settings,
        HolidayCalendar calendar, string escalateTo)
    {
        var step = AlertTracker.Observe(track, reading, now, settings, escalateTo);
        if (step.Track.Alert is not { IsLive: true } live) return step;
        var after = AlertSchedule.Apply(live, now, settings, calendar);
        var due = AlertSchedule.Due(after, now, settings, calendar);
        var notices = step.Notices.AddRange(AlertNotices.Between(live, after));
        return new TrackStep(step.Track with { Alert = after }, notices, Earliest(step.NextCheckAt, due.NextAt));
    }

    /// <summary>One lag 督办 per target × unit: a lag rule's reading that would open an alert does not while another lag
    /// rule's alert of the same target × unit is live at the same or a higher severity (a red 落后序时进度 already summons
    /// the unit; a second 督办 for the same target adds a form to answer, not information). Its track is held as it is (no
    /// timer restarts, no suppression lifted); an alert of its own that is already live is never inhibited, and once the
    /// other one ends, the next judgement opens it if it still fires.</summary>
    public static bool Inhibited(TargetAlertState state, AlertTrack track, ConditionReading reading) =>
        AlertTracker.UsesHold(reading.Rule)
        && track.Alert is not { IsLive: true }
        && reading.Level is { } level
        && state.Tracks.Any(t => t.Key.Rule != reading.Rule && AlertTracker.UsesHold(t.Key.Rule) && t.Alert is { IsLive: true } other && other.Severity >= level);

    /// <summary>The lag rules (behind, will-miss, falling-fast): a 待核实 figure must not open, raise, lower or resolve
    /// them. Milestone and 未报送 alerts rest on facts that are not checked.</summary>
    public static bool HeldWhileAwaitingReview(AlertRule rule) => AlertTracker.UsesHold(rule);

    /// <summary>A held key: nothing opens, and the track's timers (pending, hold) and a live alert's severity stay as
    /// they were; a live alert's escalations and reminders still fall due (the unit still owes its answer).</summary>
    internal static TrackStep Held(AlertTrack track, DateTimeOffset now, AlertSettings settings, HolidayCalendar calendar)
    {
        if (track.Alert is not { IsLive: true } live) return new TrackStep(track, [], null);
        var after = AlertSchedule.Apply(live, now, settings, calendar);
        var due = AlertSchedule.Due(after, now, settings, calendar);
        return new TrackStep(track with { Alert = after }, [.. AlertNotices.Between(live, after)], due.NextAt);
    }

    internal static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a <= b ? a : b;
}
