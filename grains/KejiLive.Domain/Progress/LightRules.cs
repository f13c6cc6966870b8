using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>红黄绿灯 rules. Gaps are 较序时 in percentage points (negative = behind). A gap within
/// <see cref="Epsilon"/> of a threshold counts as on it, so rounding noise never flips a light.</summary>
public static class LightRules
{
    /// <summary>Tolerance in percentage points for comparisons with thresholds.</summary>
    public const double Epsilon = 1e-9;

    /// <summary>The light without memory: gap ≤ −red → red; gap ≤ −yellow → yellow; else green.</summary>
    public static Light Raw(double gapPoints, Thresholds thresholds)
    {
        if (gapPoints <= -thresholds.RedPoints + Epsilon) return Light.Red;
        if (gapPoints <= -thresholds.YellowPoints + Epsilon) return Light.Yellow;
        return Light.Green;
    }

    /// <summary>The light with hysteresis against the previous light: worsening is immediate; a light improves only
    /// once the gap clears the threshold by <see cref="Thresholds.HysteresisPoints"/>. From grey or green: the raw light.</summary>
    public static Light Judge(double gapPoints, Thresholds thresholds, Light previous)
    {
        var raw = Raw(gapPoints, thresholds);
        var h = thresholds.HysteresisPoints;
        switch (previous)
        {
            case Light.Red:
                if (gapPoints > -thresholds.YellowPoints + h + Epsilon) return Light.Green;
                if (gapPoints > -thresholds.RedPoints + h + Epsilon) return Light.Yellow;
                return Light.Red;
            case Light.Yellow:
                if (raw == Light.Red) return Light.Red;
                return gapPoints > -thresholds.YellowPoints + h + Epsilon ? Light.Green : Light.Yellow;
            default:
                return raw;
        }
    }

    /// <summary>Rank light (lower place is better): place ≤ goal green; up to <see cref="Thresholds.RankYellowPlaces"/>
    /// below the goal yellow; further red.</summary>
    public static Light Rank(double place, double goal, Thresholds thresholds)
    {
        if (place <= goal) return Light.Green;
        return place <= goal + thresholds.RankYellowPlaces ? Light.Yellow : Light.Red;
    }

    /// <summary>Milestone light: grey when nothing is due and nothing done; green when not late; yellow when
    /// <paramref name="daysLate"/> (days past the first unfinished milestone's report deadline, see
    /// <see cref="ReleaseCalendar.ReportDeadline"/>) is up to <see cref="Thresholds.MilestoneRedDays"/>; red beyond.</summary>
    public static Light Milestone(int dueCount, double doneCount, int daysLate, Thresholds thresholds)
    {
        if (dueCount == 0 && doneCount <= 0) return Light.Grey;
        if (daysLate <= 0) return Light.Green;
        return daysLate <= thresholds.MilestoneRedDays ? Light.Yellow : Light.Red;
    }
}
