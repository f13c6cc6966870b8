using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>Judges a target × unit at an instant: expected value from the plan curve, 序时进度, 完成率, 较序时,
/// the light (with hysteresis against <c>previous</c>), 未报送, the year-end forecast and the pace needed.</summary>
/// <remarks>
/// <para>The judged date is the Asia/Shanghai date of <c>now</c>, clamped into the plan year. Only reports received at
/// or before <c>now</c> and valid for a date on or before the judged date count, so a past instant can be re-judged.</para>
/// <para>截至数据日期，完成序时进度: a figure describes its report's AsOf, so counts, ranges and growth targets read the plan
/// curve at that date (<see cref="ScheduleDateOf"/>), not at the judged date, as long as the unit is not 未报送; once it
/// is (its next report is past due plus grace, <see cref="IsNotReported"/>), or before its first report, the curve is
/// read at the judged date, so a unit that stops reporting still turns yellow and red as time passes. Expected,
/// 序时进度, 较序时, the light and the city's shortfalls follow that date; the year-end forecast extrapolates from the
/// figure's own date, and the pace needed counts the days left from the judged date to 31 December.</para>
/// </remarks>
public static class TargetEvaluator
{
    public static TargetEvaluation Evaluate(
        PlanDocument plan,
        TargetDefinition target,
        Assignment assignment,
        IReadOnlyList<ReportEntry> reports,
        DateTimeOffset now,
        Light previous)
    {
        var date = PlanCurve.JudgedDate(plan.Year, now);
        var series = ReportSeries.EffectiveAt(reports, now, date);
        var latest = series.IsEmpty ? null : series[^1];
        var notReported = IsNotReported(plan, target, latest?.AsOf, date);
        var evaluation = target.Kind switch
        {
            TargetKind.Count or TargetKind.Range or TargetKind.Growth =>
                Cumulative(target, assignment, latest, date, ScheduleDateOf(target, latest?.AsOf, notReported, date), previous),
            TargetKind.Ratio => Ratio(target, assignment, latest, date, previous),
            TargetKind.Rank => Rank(target, assignment, latest, date),
            TargetKind.Milestone => Milestones(target, latest, date),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Kind, "unknown target kind"),
        };
        return evaluation with
        {
            NotReported = notReported,
            AwaitingReview = DataQuality.RestsOnUnconfirmed(series),
        };
    }

    /// <summary>未报送: days since the newest report (or since 31 Dec of the previous year) exceed the reporting cycle
    /// (weekly 7, monthly 31, quarterly 92, annual 366 days) plus the plan's grace days.</summary>
    public static bool IsNotReported(PlanDocument plan, TargetDefinition target, DateOnly? reportedAsOf, DateOnly date)
    {
        var last = reportedAsOf ?? new DateOnly(plan.Year - 1, 12, 31);
        return date.DayNumber - last.DayNumber > CycleDays(target.ReportingCycle) + plan.GraceDays;
    }

    /// <summary>The date the plan curve is read at (序时进度截至): for count, range and growth targets the newest figure's
    /// AsOf while the unit is not 未报送 (<paramref name="notReported"/>, as <see cref="IsNotReported"/> defines it);
    /// the judged <paramref name="date"/> when the unit is 未报送, has no report yet, or the target is of another kind
    /// (ratios are judged against a flat 100%; ranks and milestones against the judged date, as a milestone not reported
    /// done is not done). Never before 1 January of the judged date's year nor after <paramref name="date"/>.</summary>
    public static DateOnly ScheduleDateOf(TargetDefinition target, DateOnly? reportedAsOf, bool notReported, DateOnly date)
    {
        if (target.Kind is not (TargetKind.Count or TargetKind.Range or TargetKind.Growth)) return date;
        if (reportedAsOf is not { } asOf || notReported || asOf >= date) return date;
        var first = new DateOnly(date.Year, 1, 1);
        return asOf < first ? first : asOf;
    }

    /// <summary>Length of a reporting cycle in days (weekly 7, monthly 31, quarterly 92, annual 366).</summary>
    public static int CycleDays(ReportingCycle cycle) => cycle switch
    {
        ReportingCycle.Weekly => 7,
        ReportingCycle.Monthly => 31,
        ReportingCycle.Quarterly => 92,
        ReportingCycle.Annual => 366,
        _ => throw new ArgumentOutOfRangeException(nameof(cycle), cycle, "unknown reporting cycle"),
    };

    /// <summary>The pace needed to reach <paramref name="target"/> by year end, per 30 days; null when reached.</summary>
    public static double? RequiredPerMonth(double target, double actual, DateOnly date)
    {
        var remaining = target - actual;
        if (remaining <= 0) return null;
        var daysLeft = PlanCurve.DaysInYear(date.Year) - date.DayOfYear;
        return remaining / Math.Max(daysLeft, 1) * 30;
    }

    /// <summary>Light of a count/range/growth figure: hysteresis, grey while nothing is reported and nothing is behind,
    /// red when the year will be missed and half the plan is due.</summary>
    internal static Light CumulativeLight(double gap, double scheduleRate, bool anyReport, bool willMiss, Thresholds thresholds, Light previous)
    {
        var light = UnreportedOr(gap, anyReport, thresholds, previous);
        return willMiss && scheduleRate >= 0.5 ? Light.Red : light;
    }

    /// <summary>The light of a city roll-up of counts, ranges or growth: from the city's own 较序时 alone (hysteresis
    /// against <paramref name="previous"/>; grey while nothing is reported and nothing is behind). Unlike a unit's
    /// light, a forecast miss does not force it red: the city figure sums units that have not reported yet.</summary>
    internal static Light CityLight(double gap, bool anyReport, Thresholds thresholds, Light previous) =>
        UnreportedOr(gap, anyReport, thresholds, previous);

    /// <summary>Without any report: grey if the raw light is green, else the raw light; with reports: judged with hysteresis.</summary>
    internal static Light UnreportedOr(double gap, bool anyReport, Thresholds thresholds, Light previous)
    {
        if (anyReport) return LightRules.Judge(gap, thresholds, previous);
        var raw = LightRules.Raw(gap, thresholds);
        return raw == Light.Green ? Light.Grey : raw;
    }

    private static TargetEvaluation Cumulative(TargetDefinition target, Assignment assignment, ReportEntry? latest, DateOnly date,
        DateOnly scheduleDate, Light previous)
    {
        var annual = assignment.Target;
        var actual = latest?.Value ?? 0;
        var s = PlanCurve.Share(target, assignment, scheduleDate);
        var cr = annual > 0 ? actual / annual : 0;
        var gap = (cr - s) * 100;
        var forecast = latest is null ? null : ForecastModel.Cumulative(actual, annual, PlanCurve.Share(target, assignment, latest.AsOf));
        var willMiss = ForecastModel.WillMiss(forecast, annual);
        double? stretch = target.Kind == TargetKind.Range && target.Stretch is { } st && target.CityTarget > 0
            ? st * annual / target.CityTarget
            : null;
        return new TargetEvaluation(
            date, annual, stretch, actual, s * annual, cr, s, gap,
            CumulativeLight(gap, s, latest is not null, willMiss, target.Thresholds, previous),
            NotReported: false, latest?.AsOf, forecast, RequiredPerMonth(annual, actual, date), willMiss,
            DaysOverdue: 0, Numerator: null, Denominator: null)
        {
            ScheduleDate = scheduleDate,
        };
    }

    private static TargetEvaluation Ratio(TargetDefinition target, Assignment assignment, ReportEntry? latest, DateOnly date, Light previous)
    {
        var annual = assignment.Target;
        var actual = latest?.Value ?? 0;
        var cr = annual > 0 ? actual / annual : 0;
        var gap = (cr - 1) * 100;
        var forecast = latest is null ? null : ForecastModel.Ratio(actual, PlanCurve.LinearShare(date));
        var willMiss = ForecastModel.WillMiss(forecast, annual);
        return new TargetEvaluation(
            date, annual, null, actual, annual, cr, 1, gap,
            RatioLight(gap, latest is not null, target.Thresholds, previous),
            NotReported: false, latest?.AsOf, forecast, RequiredPerMonth: null, willMiss,
            DaysOverdue: 0, latest?.Numerator, latest?.Denominator);
    }

    /// <summary>A ratio is a statistic, not a count that accrues: until one is reported there is nothing to judge (grey;
    /// a missing report shows as 未报送), rather than a 0% that would be red from 1 January.</summary>
    internal static Light RatioLight(double gap, bool anyReport, Thresholds thresholds, Light previous) =>
        anyReport ? LightRules.Judge(gap, thresholds, previous) : Light.Grey;

    private static TargetEvaluation Rank(TargetDefinition target, Assignment assignment, ReportEntry? latest, DateOnly date)
    {
        var goal = assignment.Target;
        if (latest is null)
        {
            return new TargetEvaluation(date, goal, null, 0, goal, 0, 0, 0, Light.Grey, false, null, null, null, false, 0, null, null);
        }
        var place = latest.Value;
        var cr = place > 0 ? goal / place : 0;
        return new TargetEvaluation(
            date, goal, null, place, goal, cr, 1, (cr - 1) * 100,
            LightRules.Rank(place, goal, target.Thresholds),
            false, latest.AsOf, null, null, false, 0, null, null);
    }

    private static TargetEvaluation Milestones(TargetDefinition target, ReportEntry? latest, DateOnly date)
    {
        var milestones = target.Milestones.IsDefault ? ImmutableArray<Milestone>.Empty : target.Milestones;
        var count = milestones.Length;
        var done = latest?.Value ?? 0;
        var due = PlanCurve.DueCount(milestones, date);
        var cr = count > 0 ? done / count : 0;
        var sr = count > 0 ? (double)due / count : 0;
        var overdue = DaysOverdue(milestones, done, date);
        return new TargetEvaluation(
            date, count, null, done, due, cr, sr, (cr - sr) * 100,
            LightRules.Milestone(due, done, overdue, target.Thresholds),
            false, latest?.AsOf, null, null, false, overdue, null, null);
    }

    /// <summary>Days the first unfinished milestone is past its due date on <paramref name="date"/> (0 when none).</summary>
    internal static int DaysOverdue(ImmutableArray<Milestone> milestones, double done, DateOnly date)
    {
        var k = (int)done;
        if (k < 0) k = 0;
        if (k >= milestones.Length) return 0;
        var due = milestones[k].Due;
        return due < date ? date.DayNumber - due.DayNumber : 0;
    }
}
