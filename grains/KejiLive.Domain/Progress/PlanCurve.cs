using System.Collections.Immutable;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>The plan curve: the share s(d) in [0, 1] of the annual target that should be done by the end of day d
/// (序时进度), and the calendar helpers the evaluator needs.</summary>
internal static class PlanCurve
{
    /// <summary>365, or 366 in a leap year.</summary>
    public static int DaysInYear(int year) => DateTime.IsLeapYear(year) ? 366 : 365;

    /// <summary>The Shanghai date of <paramref name="now"/>, clamped into [1 Jan, 31 Dec] of the plan year.</summary>
    public static DateOnly JudgedDate(int year, DateTimeOffset now)
    {
        var date = ShanghaiTime.DateOf(now);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        return date < first ? first : date > last ? last : date;
    }

    /// <summary>Elapsed days / days in the year, counting day d itself: 1 Jan → 1/365, 31 Dec → 1.</summary>
    public static double LinearShare(DateOnly d) => (double)d.DayOfYear / DaysInYear(d.Year);

    /// <summary>s(d) for the target's curve and the unit's assignment (baseline curves are per unit).</summary>
    public static double Share(TargetDefinition target, Assignment assignment, DateOnly d) => target.Curve.Kind switch
    {
        CurveKind.Linear => LinearShare(d),
        CurveKind.Schedule => target.Curve.Interpolation == Interpolation.Step
            ? StepShare(target.Curve.Points, d)
            : InterpolatedShare(target.Curve.Points, d),
        CurveKind.Baseline => BaselineShare(assignment.Baseline, d),
        CurveKind.Flat => 1.0,
        CurveKind.Milestones => target.Milestones.IsDefaultOrEmpty ? 1.0 : (double)DueCount(target.Milestones, d) / target.Milestones.Length,
        _ => throw new ArgumentOutOfRangeException(nameof(target), target.Curve.Kind, "unknown curve kind"),
    };

    /// <summary>Share of the last point dated on or before d; 0 before the first point.</summary>
    public static double StepShare(ImmutableArray<CurvePoint> points, DateOnly d)
    {
        var share = 0.0;
        foreach (var p in points)
        {
            if (p.Date > d) break;
            share = p.Share;
        }
        return share;
    }

    /// <summary>Straight lines by day number between points, starting at (31 Dec of the previous year, 0);
    /// after the last point, the last share.</summary>
    public static double InterpolatedShare(ImmutableArray<CurvePoint> points, DateOnly d)
    {
        var origin = new DateOnly(d.Year - 1, 12, 31).DayNumber;
        var day = d.DayNumber - origin;
        var prevDay = 0;
        var prevShare = 0.0;
        foreach (var p in points)
        {
            var pDay = p.Date.DayNumber - origin;
            if (day <= pDay)
            {
                if (pDay <= prevDay) return p.Share;
                return prevShare + ((p.Share - prevShare) * (day - prevDay) / (pDay - prevDay));
            }
            prevDay = pDay;
            prevShare = p.Share;
        }
        return prevShare;
    }

    /// <summary>The same calendar day a year earlier; 29 Feb maps to 28 Feb.</summary>
    public static DateOnly SamePeriodLastYear(DateOnly d) =>
        d.Month == 2 && d.Day == 29 ? new DateOnly(d.Year - 1, 2, 28) : new DateOnly(d.Year - 1, d.Month, d.Day);

    /// <summary>Last year's cumulative value at the same-period date (step) divided by last year's total.</summary>
    public static double BaselineShare(ImmutableArray<BaselinePoint> baseline, DateOnly d)
    {
        if (baseline.IsDefaultOrEmpty) return 0;
        var total = baseline[^1].Value;
        if (total <= 0) return 0;
        var then = SamePeriodLastYear(d);
        var value = 0.0;
        foreach (var p in baseline)
        {
            if (p.Date > then) break;
            value = p.Value;
        }
        return Math.Clamp(value / total, 0, 1);
    }

    /// <summary>How many milestones are due on or before d.</summary>
    public static int DueCount(ImmutableArray<Milestone> milestones, DateOnly d)
    {
        var n = 0;
        foreach (var m in milestones)
        {
            if (m.Due <= d) n++;
        }
        return n;
    }
}
