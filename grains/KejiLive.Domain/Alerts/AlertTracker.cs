using KejiLive.Domain.Calendar;

namespace KejiLive.Domain.Alerts;

/// <summary>Opens, updates and resolves the alert of one key from successive readings, without flapping.</summary>
/// <remarks>
/// Opening: a clear crossing (past the lowest threshold by at least the margin) opens at once; a marginal one starts a
/// pending period that continues while the value stays within the margin band (it may dip just below the threshold)
/// and opens the alert once <see cref="AlertSettings.Pending"/> has passed; the pending ends when the value clears the
/// band. A resolved alert whose condition returns is reopened (same id) by the same rules.
/// While live: severity rises at once when a higher threshold is reached and falls only once the value is more than the
/// margin below it. Resolving: the value must stay more than the margin below the lowest threshold for
/// <see cref="AlertSettings.Hold"/> (any reading back in the band restarts the hold); 未报送 and milestone alerts resolve
/// at once. A closed alert is dropped (kept as <see cref="AlertTrack.LastClosed"/> until a newer alert of the key opens);
/// if it was closed while not resolved the key stays quiet until the condition clears. The city office may reopen the
/// key's latest closed alert (<see cref="Reopen"/>); it is then live again and these rules apply to it.
/// </remarks>
public static class AlertTracker
{
    /// <summary>True for rules whose alerts resolve after the hold; false for 未报送 and milestones (resolve at once).</summary>
    public static bool UsesHold(AlertRule rule) => rule is AlertRule.Behind or AlertRule.WillMiss or AlertRule.FallingFast;

    /// <summary>Applies a reading taken at <paramref name="now"/>. <paramref name="escalateTo"/> names who a new alert
    /// escalates to.</summary>
    public static TrackStep Observe(AlertTrack track, ConditionReading reading, DateTimeOffset now, AlertSettings settings, string escalateTo)
    {
        var t = track;
        if (t.Alert is { State: AlertState.Closed } closed)
        {
            var closedUnresolved = closed.LastChange is { Transition: AlertTransition.Closed, From: not AlertState.Resolved };
            t = t with
            {
                Alert = null, LastClosed = closed, PendingSince = null, ClearSince = null,
                SuppressedUntilClear = t.SuppressedUntilClear || closedUnresolved,
            };
        }
        var before = t.Alert;
        DateTimeOffset? next = null;
        var held = reading.HeldLevel;
        if (before is { IsLive: true } live)
        {
            if (held is null)
            {
                var clearSince = t.ClearSince ?? now;
                if (!UsesHold(reading.Rule) || now - clearSince >= settings.Hold)
                {
                    var resolved = AlertLifecycle.Resolve(live with { Points = reading.Points }, now, reading.Detail);
                    t = t with { Alert = resolved, ClearSince = null, PendingSince = null };
                }
                else
                {
                    t = t with { Alert = live with { Points = reading.Points }, ClearSince = clearSince };
                    next = clearSince + settings.Hold;
                }
            }
            else
            {
                var severity = reading.Level is { } l && l > live.Severity ? l : held.Value < live.Severity ? held.Value : live.Severity;
                // Raised: the reading says why (a red light); lowered: back to the rule's own level.
                var why = severity > live.Severity ? reading.Detail : null;
                t = t with { Alert = AlertLifecycle.ChangeSeverity(live, severity, reading.Points, now, why), ClearSince = null };
            }
        }
        else if (held is null)
        {
            t = t with { PendingSince = null, SuppressedUntilClear = false };
        }
        else if (!t.SuppressedUntilClear)
        {
            if (reading.Level is not null && !reading.Marginal)
            {
                t = OpenNow(t, reading, reading.Level.Value, t.PendingSince ?? now, now, escalateTo);
            }
            else if (reading.Level is not null || t.PendingSince is not null)
            {
                var since = t.PendingSince ?? now;
                if (now - since >= settings.Pending) t = OpenNow(t, reading, reading.Level ?? held.Value, since, now, escalateTo);
                else
                {
                    t = t with { PendingSince = since };
                    next = since + settings.Pending;
                }
            }
        }
        var notices = t.Alert is null ? [] : AlertNotices.Between(before, t.Alert);
        return new TrackStep(t, [.. notices], next);
    }

    private static AlertTrack OpenNow(AlertTrack t, ConditionReading reading, AlertSeverity severity, DateTimeOffset detectedAt, DateTimeOffset now, string escalateTo)
    {
        if (t.Alert is { State: AlertState.Resolved } resolved)
        {
            return t with { Alert = AlertLifecycle.Reopen(resolved, severity, reading.Points, now, reading.Detail), PendingSince = null, ClearSince = null };
        }
        var today = ShanghaiTime.DateOf(now);
        var seq = t.LastOpenedOn == today ? t.OpenedThatDay + 1 : 1;
        var alert = AlertLifecycle.Open(t.Key, severity, reading.Points, escalateTo, detectedAt, now, seq, reading.Detail);
        return t with { Alert = alert, LastClosed = null, PendingSince = null, ClearSince = null, LastOpenedOn = today, OpenedThatDay = seq };
    }

    /// <summary>The city office reopens the closed alert <paramref name="alertId"/> of this track (see
    /// <see cref="AlertLifecycle.ReopenClosed"/>). Null when the track holds no alert with that id. Refused when a newer
    /// alert of the key has opened since (that one is acted on). On success the alert is the track's live alert again, the
    /// anti-flapping timers start afresh and a suppression left by the close ends (the office says the problem is there).</summary>
    public static (AlertTrack Track, AlertResult Result)? Reopen(AlertTrack track, string alertId, string actor, string? reason, DateTimeOffset now)
    {
        if (track.LastClosed is { } closed && closed.Id == alertId)
        {
            if (track.Alert is not null)
                return (track, AlertResult.Refused(AlertRefusalCode.NewerAlert, "state", $"该指标已有更新的督办 {track.Alert.Id}，请在新督办上处理。"));
            return Apply(track, closed, actor, reason, now);
        }
        if (track.Alert is { } current && current.Id == alertId) return Apply(track, current, actor, reason, now);
        return null;
    }

    private static (AlertTrack, AlertResult) Apply(AlertTrack track, Alert alert, string actor, string? reason, DateTimeOffset now)
    {
        var result = AlertLifecycle.ReopenClosed(alert, actor, reason, now);
        if (!result.IsOk) return (track, result);
        var next = track with { Alert = result.Alert, LastClosed = null, PendingSince = null, ClearSince = null, SuppressedUntilClear = false };
        return (next, result);
    }
}
