using System.Collections.Immutable;

namespace KejiLive.Domain.Alerts;

/// <summary>The result of observing one alert key: the new track, the notices to put in the outbox (in order), and the
/// next instant the key needs looking at even without a new report (pending or hold ending, escalation or reminder
/// due); null when only a new report or a new day can change anything.</summary>
public sealed record TrackStep(AlertTrack Track, ImmutableArray<AlertNotice> Notices, DateTimeOffset? NextCheckAt)
{
    /// <summary>True when this step, observed from <paramref name="before"/>, moved nothing but its open alert's figure
    /// (a unit's 未报送 count as one of its targets reports): no notice, no state, severity, timer or history changed.
    /// Like <see cref="TargetAlertStep.OnlyFiguresMoved"/>, such a change may be stored later; the next observation
    /// derives the same figure again.</summary>
    public bool OnlyFigureMoved(AlertTrack before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return Notices.IsDefaultOrEmpty && TargetAlertStep.OnlyPointsDiffer(before, Track);
    }
}
