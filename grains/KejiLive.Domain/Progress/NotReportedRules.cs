using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>未报送: when a target × unit's report is missing (a statistic past its release date and grace days; a milestone
/// node past its report deadline), and the one sentence that says why. A flag of its own beside the light
/// (<see cref="TargetEvaluator"/>): a missing report never makes a light red by itself.</summary>
public static class NotReportedRules
{
    /// <summary>未报送 follows the release calendar: a figure after the newest report's AsOf (or after 31 Dec of the
    /// previous year) has been released and the plan's grace days since its release have passed
    /// (<see cref="ReleaseCalendar.OverdueFigures"/>); a monthly figure released on the 10th is never missing before the
    /// 10th plus the grace days. A milestone task has no figure to release: it owes the completion of its next node, and
    /// is 未报送 only while that node is past its report deadline with no report since its due date
    /// (<see cref="UnreportedNode"/>); <paramref name="done"/> is the nodes its newest report counts done (other kinds
    /// ignore it).</summary>
    public static bool IsNotReported(PlanDocument plan, TargetDefinition target, DateOnly? reportedAsOf, DateOnly date, double done) =>
        target.Kind == TargetKind.Milestone
            ? UnreportedNode(plan, target, reportedAsOf, date, done) is not null
            : ReleaseCalendar.OverdueFigures(target.ReportingCycle, reportedAsOf, date, plan.GraceDays) > 0;

    /// <summary>The milestone node a task is 未报送 on at <paramref name="date"/>, as its index: the first node not
    /// reported done (<paramref name="done"/> nodes are) when its report deadline
    /// (<see cref="ReleaseCalendar.ReportDeadline"/>: the period's report date plus the plan's grace days, the date the
    /// task's light counts from) has passed and no report is dated on or after its due date (a report after the due date
    /// that does not count it done is an answer: the light judges it). Null when none: a node not yet due, or due and
    /// still within its grace, is not missing.</summary>
    public static int? UnreportedNode(PlanDocument plan, TargetDefinition target, DateOnly? reportedAsOf, DateOnly date, double done)
    {
        var nodes = target.Milestones.IsDefault ? ImmutableArray<Milestone>.Empty : target.Milestones;
        var k = Math.Max((int)done, 0);
        if (k >= nodes.Length) return null;
        var due = nodes[k].Due;
        if (reportedAsOf is { } asOf && asOf >= due) return null;
        return ReleaseCalendar.ReportDeadline(target.ReportingCycle, due, plan.GraceDays) < date ? k : null;
    }

    /// <summary>Why a unit is 未报送, one sentence: "9月数据10月10日发布，宽限5天至10月15日仍未报送，另行标记未报送，缺报本身不判红。"
    /// (the first figure after <paramref name="reportedAsOf"/> whose deadline passed on <paramref name="date"/>); for a
    /// milestone task the node it owes and its dates instead, "二季度：党务干部教育培训 应于6月30日完成，宽限至7月20日仍未报送完成情况，…"
    /// (<see cref="UnreportedNode"/>; empty when the task is not 未报送).</summary>
    public static string Reason(PlanDocument plan, TargetDefinition target, DateOnly? reportedAsOf, DateOnly date, double done)
    {
        const string tail = "，另行标记未报送，缺报本身不判红。";
        var cycle = target.ReportingCycle;
        if (target.Kind == TargetKind.Milestone)
        {
            if (UnreportedNode(plan, target, reportedAsOf, date, done) is not { } k) return "";
            var node = target.Milestones[k];
            var deadline = ReleaseCalendar.ReportDeadline(cycle, node.Due, plan.GraceDays);
            var later = target.Milestones.Skip(k + 1).Count(m => ReleaseCalendar.ReportDeadline(cycle, m.Due, plan.GraceDays) < date);
            var more = later > 0 ? $"（其后另有{later}个节点已过报送宽限）" : "";
            return $"{node.Name} 应于{ItemRules.Cn(node.Due)}完成，宽限至{ItemRules.Cn(deadline)}仍未报送完成情况{more}{tail}";
        }
        var overdue = ReleaseCalendar.OverdueOn(cycle, date, plan.GraceDays);
        var last = reportedAsOf ?? new DateOnly(date.Year - 1, 12, 31);
        // The first figure after the newest report: the one whose deadline passed first.
        var first = overdue;
        while (ReleaseCalendar.PreviousPeriodEnd(cycle, first) > last && ReleaseCalendar.PreviousPeriodEnd(cycle, first).Year == date.Year)
        {
            first = ReleaseCalendar.PreviousPeriodEnd(cycle, first);
        }
        var figureDeadline = ReleaseCalendar.ReleaseOf(cycle, first).AddDays(plan.GraceDays);
        return $"{ReleaseCalendar.Describe(cycle, first)}，宽限{plan.GraceDays}天至{ItemRules.Cn(figureDeadline)}仍未报送{tail}";
    }
}
