using System.Collections.Immutable;

namespace KejiLive.Domain.Alerts;

/// <summary>The result of <see cref="TargetAlerts"/>.Observe: the state to persist, the notices for the outbox (persist
/// them with the state, in order), and when to call again without a new report (one timer; null when only a report or
/// the next day's re-judgement can change anything).</summary>
public sealed record TargetAlertStep(TargetAlertState State, ImmutableArray<AlertNotice> Notices, DateTimeOffset? NextCheckAt)
{
    /// <summary>True when this step, taken from <paramref name="before"/>, moved nothing but the gap history: no notice,
    /// and every track (alert, timers, counters) as it was. Such a step may be stored later (the history is derived
    /// from the reports and recorded again by the next judgement); any other must be stored before its notices go.</summary>
    public bool OnlyHistoryMoved(TargetAlertState before)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (!Notices.IsDefaultOrEmpty) return false;
        var was = before.Tracks.IsDefault ? [] : before.Tracks;
        var now = State.Tracks.IsDefault ? [] : State.Tracks;
        if (was.Length != now.Length) return false;
        for (var i = 0; i < was.Length; i++)
        {
            // Records compare field by field; a track the rules left alone keeps its alert (and its history array).
            if (was[i] != now[i]) return false;
        }
        return true;
    }
}
