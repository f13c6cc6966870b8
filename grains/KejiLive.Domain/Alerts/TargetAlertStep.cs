using System.Collections.Immutable;

namespace KejiLive.Domain.Alerts;

/// <summary>The result of <see cref="TargetAlerts"/>.Observe: the state to persist, the notices for the outbox (persist
/// them with the state, in order), and when to call again without a new report (one timer; null when only a report or
/// the next day's re-judgement can change anything).</summary>
public sealed record TargetAlertStep(TargetAlertState State, ImmutableArray<AlertNotice> Notices, DateTimeOffset? NextCheckAt)
{
    /// <summary>True when this step, taken from <paramref name="before"/>, moved nothing but figures the next judgement
    /// derives again: the gap history and the gap (<see cref="Alert.Points"/>) carried by an alert that stays as it was
    /// (same state, severity, timers, counters and history). No notice goes, no alert opens, changes or times out, so
    /// such a step may be stored later; any other must be stored before its notices go.</summary>
    /// <remarks>A track created by this step that holds nothing (<see cref="AlertTrack.New"/>) is derived too: a grain's
    /// first judgement that opens nothing is not stored (at 2,850 units most reports are some grain's first).
    /// An open alert's gap moves with every report of a unit behind plan; storing it each time rewrote the whole
    /// alert state per report. The alert index and the wall get the moved gap in the silo's next batch of such figures
    /// (memory only), so a crash before the delayed write loses nothing the next judgement does not show again.</remarks>
    public bool OnlyFiguresMoved(TargetAlertState before)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (!Notices.IsDefaultOrEmpty) return false;
        var was = before.Tracks.IsDefault ? [] : before.Tracks;
        var now = State.Tracks.IsDefault ? [] : State.Tracks;
        var matched = 0;
        foreach (var track in now)
        {
            var earlier = Find(was, track.Key.Rule);
            if (earlier is null)
            {
                // A rule seen for the first time whose track holds nothing (no alert, no pending or clearing timer):
                // the next judgement creates it again exactly so.
                if (track != AlertTrack.New(track.Key)) return false;
                continue;
            }
            matched++;
            // Records compare field by field; a track the rules left alone keeps its alert (and its history array).
            if (earlier != track && !OnlyPointsDiffer(earlier, track)) return false;
        }
        return matched == was.Length;
    }

    private static AlertTrack? Find(ImmutableArray<AlertTrack> tracks, AlertRule rule)
    {
        foreach (var t in tracks)
        {
            if (t.Key.Rule == rule) return t;
        }
        return null;
    }

    /// <summary>Both tracks hold an alert and differ in nothing but that alert's figure (<see cref="Alert.Points"/>).</summary>
    internal static bool OnlyPointsDiffer(AlertTrack was, AlertTrack now) =>
        was.Alert is { } a && now.Alert is { } b && a.Points != b.Points
        && was == now with { Alert = b with { Points = a.Points } };
}
