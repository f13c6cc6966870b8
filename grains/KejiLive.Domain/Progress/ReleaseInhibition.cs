using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>Inhibition: when a statistics release is late for everyone, one city notice instead of a light per unit.
/// Once the newest period whose figure should be out (its release date plus the plan's grace days has passed) is still
/// missing for more than <see cref="DefaultShare"/> of a target's units, the figure is taken as not yet released: no unit
/// is judged on it (no stale yellow or red, no 未报送 for that figure alone) and the city shows one
/// <see cref="LateRelease"/> notice. A unit that has reported the period is judged as usual.</summary>
public static class ReleaseInhibition
{
    /// <summary>The share of units that must be missing the figure ("most units"): strictly more than half.</summary>
    public const double DefaultShare = 0.5;

    /// <summary>Fewest counted units for the rule: with one or two units "most" is one unit late, not a late release.</summary>
    public const int MinimumUnits = 3;

    /// <summary>The late release of <paramref name="target"/> on <paramref name="date"/>, or null. <paramref name="reportedAsOf"/>
    /// holds, per counted unit (overlays excluded), the AsOf of its newest effective figure (null: none yet). Only counts,
    /// ranges and growth targets reported monthly or quarterly (statistics with a release calendar) are inhibited.</summary>
    public static LateRelease? Check(PlanDocument plan, TargetDefinition target, IReadOnlyList<DateOnly?> reportedAsOf, DateOnly date,
        double share = DefaultShare)
    {
        if (target.Kind is not (TargetKind.Count or TargetKind.Range or TargetKind.Growth)) return null;
        if (target.ReportingCycle is not (ReportingCycle.Monthly or ReportingCycle.Quarterly)) return null;
        if (reportedAsOf.Count < MinimumUnits) return null;
        var period = ReleaseCalendar.KnowableOn(target.ReportingCycle, date.AddDays(-plan.GraceDays));
        if (period.Year != plan.Year) return null;
        var missing = reportedAsOf.Count(a => a is null || a < period);
        if (missing <= share * reportedAsOf.Count) return null;
        var release = ReleaseCalendar.ReleaseOf(target.ReportingCycle, period);
        return new LateRelease(target.Id, period, release, missing, reportedAsOf.Count,
            $"{PeriodName(target.ReportingCycle, period)}统计数据尚未发布：已过{ItemRules.Cn(release)}发布日{plan.GraceDays}天，" +
            $"{reportedAsOf.Count}个单位中{missing}个尚未报送，各单位暂按已报数据判断，不因缺这一期数据判灯或标记未报送。");
    }

    /// <summary>True when <paramref name="late"/> covers a unit whose newest figure is dated <paramref name="reportedAsOf"/>:
    /// the unit has the figures up to the period before the late one but not the late one itself (a unit missing older
    /// figures too is late on its own and judged as usual).
    /// A unit with no figure yet is covered when the late period is the year's first.</summary>
    public static bool Covers(LateRelease? late, ReportingCycle cycle, DateOnly? reportedAsOf)
    {
        if (late is null) return false;
        var before = ReleaseCalendar.PreviousPeriodEnd(cycle, late.PeriodEnd);
        return reportedAsOf is { } asOf ? asOf < late.PeriodEnd && asOf >= before : before.Year < late.PeriodEnd.Year;
    }

    /// <summary>The unit's side of the notice, one sentence: "第三季度统计数据尚未发布（多数单位未报送），暂不据此判灯。"</summary>
    public static string UnitNote(LateRelease late, ReportingCycle cycle) =>
        $"{PeriodName(cycle, late.PeriodEnd)}统计数据尚未发布（{late.Units}个单位中{late.Missing}个未报送），暂不据此判灯或标记未报送。";

    private static string PeriodName(ReportingCycle cycle, DateOnly periodEnd) => cycle == ReportingCycle.Quarterly
        ? ((periodEnd.Month - 1) / 3) switch { 0 => "第一季度", 1 => "第二季度", 2 => "第三季度", _ => "第四季度" }
        : $"{periodEnd.Month}月";
}
