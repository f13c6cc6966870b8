using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>Catching up: a unit behind on its cumulative figure whose recent quarter ran at or above the plan's pace, and
/// at that pace would end the year within the yellow tolerance, is not shown yellow (a yellow light says "act now"; this
/// unit already has). Figures describe the past, so a unit that caught up in the summer would otherwise stay yellow until
/// the next quarter's figure or beyond. Red is never softened.</summary>
public static class RecentPace
{
    /// <summary>Days the recent pace looks back: about a quarter, so monthly figures are not judged on one month's noise
    /// (a quarterly figure compares with the previous quarter's).</summary>
    public const int WindowDays = 80;

    /// <summary>The recent pace: (newest figure − the newest figure dated at least <see cref="WindowDays"/> before it) ÷ the
    /// plan's expected increase between their dates; null without such a figure or when the plan expects nothing between
    /// them (a step not yet reached).</summary>
    public static double? Of(TargetDefinition target, Assignment assignment, ImmutableArray<ReportEntry> series)
    {
        if (series.Length < 2 || assignment.Target <= 0) return null;
        var latest = series[^1];
        ReportEntry? before = null;
        for (var i = series.Length - 2; i >= 0 && before is null; i--)
        {
            if (latest.AsOf.DayNumber - series[i].AsOf.DayNumber >= WindowDays) before = series[i];
        }
        if (before is null) return null;
        var planned = (PlanCurve.Share(target, assignment, latest.AsOf) - PlanCurve.Share(target, assignment, before.AsOf)) * assignment.Target;
        if (planned <= 1e-9) return null;
        return (latest.Value - before.Value) / planned;
    }

    /// <summary>True when a yellow may show green: the latest period's pace is at least the plan's (≥ 1) and the year at that
    /// pace (the newest figure plus the rest of the plan at that pace) ends within the yellow tolerance of the target.</summary>
    public static bool CatchingUp(TargetDefinition target, Assignment assignment, ImmutableArray<ReportEntry> series, out double pace)
    {
        pace = 0;
        if (Of(target, assignment, series) is not { } p || p < 1) return false;
        pace = p;
        var latest = series[^1];
        var annual = assignment.Target;
        var projected = latest.Value + ((1 - PlanCurve.Share(target, assignment, latest.AsOf)) * annual * p);
        return projected >= (annual * (1 - (target.Thresholds.YellowPoints / 100))) - 1e-9;
    }
}
