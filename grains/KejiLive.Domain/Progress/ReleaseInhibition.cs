using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>Inhibition: when a statistics release is late for everyone, one city notice instead of a light per unit.
/// When more than <see cref="DefaultShare"/> of a target's reporting units (those with any figure this year, at least
/// <see cref="MinimumUnits"/>) would be 未报送 for the same period's figure, the figure
/// is taken as not (yet) released: no unit is judged on it (no 未报送 and no stale light for that figure alone) and the
/// city shows one <see cref="LateRelease"/> notice. A unit that has reported the period, or misses older figures too,
/// is judged as usual.</summary>
public static class ReleaseInhibition
{
    /// <summary>The share of units that must be missing the figure ("most units"): strictly more than half.</summary>
    public const double DefaultShare = 0.5;

    /// <summary>Fewest counted units for the rule: with one or two units "most" is one unit late, not a late release.</summary>
    public const int MinimumUnits = 3;

    /// <summary>The late release of <paramref name="target"/> on <paramref name="date"/>, or null. <paramref name="reportedAsOf"/>
    /// holds, per counted unit (overlays excluded), the AsOf of its newest effective figure (null: none yet). A unit misses
    /// the figure exactly when it would be 未报送 (<see cref="NotReportedRules.IsNotReported"/>: its newest figure is older
    /// than the newest figure released at least the grace days ago, <see cref="ReleaseCalendar.OverdueOn"/>), so no notice
    /// shows before a figure's release date plus the grace days.
    /// Only counts, ranges and growth targets reported monthly or quarterly (statistics with a release calendar) are
    /// inhibited.</summary>
    public static LateRelease? Check(PlanDocument plan, TargetDefinition target, IReadOnlyList<DateOnly?> reportedAsOf, DateOnly date,
        double share = DefaultShare)
    {
        var reporting = reportedAsOf.Where(a => a is not null).Select(a => a!.Value).ToList();
        return Check(plan, target, reporting.Count, period => reporting.Count(a => a < period), date, share);
    }

    /// <summary>The same rule over counts a caller keeps as units report (the city keeps its units' figure dates in order):
    /// <paramref name="reportingUnits"/> counted units with any figure, <paramref name="reportedBefore"/> how many of them
    /// have their newest figure dated before a period end.</summary>
    public static LateRelease? Check(PlanDocument plan, TargetDefinition target, int reportingUnits, Func<DateOnly, int> reportedBefore,
        DateOnly date, double share = DefaultShare)
    {
        ArgumentNullException.ThrowIfNull(reportedBefore);
        if (target.Kind is not (TargetKind.Count or TargetKind.Range or TargetKind.Growth)) return null;
        if (target.ReportingCycle is not (ReportingCycle.Monthly or ReportingCycle.Quarterly)) return null;
        // Only units that report this target are evidence: with none (or one or two) reporting, silence says nothing of the
        // statistics, and those units stay 未报送 on their own.
        if (reportingUnits < MinimumUnits) return null;
        // Judged within the plan year, as the units are (PlanCurve.JudgedDate).
        var last = new DateOnly(plan.Year, 12, 31);
        if (date > last) date = last;
        // The figure overdue by the release calendar (released, plus the grace days): units without it are 未报送.
        var period = ReleaseCalendar.OverdueOn(target.ReportingCycle, date, plan.GraceDays);
        if (period.Year != plan.Year) return null;
        var missing = reportedBefore(period);
        if (missing <= share * reportingUnits) return null;
        var release = ReleaseCalendar.ReleaseOf(target.ReportingCycle, period);
        var name = PeriodName(target.ReportingCycle, period);
        var when = $"{name}统计数据尚未发布：已过{ItemRules.Cn(release)}发布日{date.DayNumber - release.DayNumber}天（宽限{plan.GraceDays}天）";
        return new LateRelease(target.Id, period, release, missing, reportingUnits,
            $"{when}，{reportingUnits}个报送单位中{missing}个尚未报送，各单位暂按已报数据判断，不因缺这一期数据判灯或标记未报送。");
    }

    /// <summary>True when <paramref name="late"/> covers a unit whose newest figure is dated <paramref name="reportedAsOf"/>:
    /// the unit has the figures up to the period before the late one but not the late one itself (a unit missing older
    /// figures too is late on its own and judged as usual).
    /// A unit with no figure at all is never covered.</summary>
    public static bool Covers(LateRelease? late, ReportingCycle cycle, DateOnly? reportedAsOf) =>
        late is not null && reportedAsOf is { } asOf && asOf < late.PeriodEnd && asOf >= ReleaseCalendar.PreviousPeriodEnd(cycle, late.PeriodEnd);

    /// <summary>The unit's side of the notice, one sentence: "第三季度统计数据尚未发布（多数单位未报送），暂不据此判灯。"</summary>
    public static string UnitNote(LateRelease late, ReportingCycle cycle) =>
        $"{PeriodName(cycle, late.PeriodEnd)}统计数据尚未发布（{late.Units}个报送单位中{late.Missing}个未报送），暂不据此判灯或标记未报送。";

    private static string PeriodName(ReportingCycle cycle, DateOnly periodEnd) => cycle == ReportingCycle.Quarterly
        ? ((periodEnd.Month - 1) / 3) switch { 0 => "第一季度", 1 => "第二季度", 2 => "第三季度", _ => "第四季度" }
        : $"{periodEnd.Month}月";
}
