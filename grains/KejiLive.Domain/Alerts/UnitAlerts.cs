using KejiLive.Domain.Calendar;

namespace KejiLive.Domain.Alerts;

/// <summary>The unit-level rule (未报送) for a unit grain: one alert per unit, opened while any of its targets is not
/// reported and resolved as soon as none is; escalations go to the city office (no single leader owns a unit).</summary>
public static class UnitAlerts
{
    /// <summary>Observe the unit's 未报送 from the flag of each of its targets
    /// (<see cref="Progress.TargetEvaluation.NotReported"/>). <paramref name="track"/> is the kept track
    /// (<see cref="AlertTrack.New"/> with <see cref="AlertKey.ForUnit"/>(unit, NotReported) the first time);
    /// <paramref name="targetName"/> names a target id for the alert's detail.</summary>
    public static TrackStep ObserveNotReported(AlertTrack track, IEnumerable<(string TargetId, bool NotReported)> unitTargets,
        AlertSettings settings, DateTimeOffset now, HolidayCalendar calendar, Func<string, string> targetName)
    {
        if (track.Key.Rule != AlertRule.NotReported || track.Key.TargetId is not null)
            throw new ArgumentException($"expected a unit-level not-reported track, not {track.Key}", nameof(track));
        var reading = AlertConditions.NotReported(unitTargets, targetName);
        return TargetAlerts.Step(track, reading, now, settings, calendar, AlertNotices.CityOffice);
    }
}
