using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>未报送 of a milestone task (市本级's 党建任务, 联合基金, "扫楼"…): a task has no statistical figure to release; what
/// it owes is the completion of its next node. It is 未报送 once the first node not reported done is past its report
/// deadline (<see cref="ReleaseCalendar.ReportDeadline"/>, the plan's grace included, the deadline its light counts from)
/// with no report dated on or after its due date, and the reason names that node and its dates.</summary>
public sealed class MilestoneNotReportedTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    private const string Tail = "，另行标记未报送，缺报本身不判红。";

    [Theory]
    // target (quarterly or monthly nodes), nodes reported done (-1: no report), newest AsOf, judged date, 未报送, reason
    // party-branch-building: quarterly nodes due 31 Mar, 30 Jun, 30 Sep, 31 Dec; reported with the quarter's figure
    // (released on the 15th of the next month) plus the plan's 5 grace days: 20 Apr, 20 Jul, 20 Oct.
    [InlineData("party-branch-building", -1, "", "2025-04-20", false, null)]
    [InlineData("party-branch-building", -1, "", "2025-04-21", true,
        "一季度：各党支部“三会一课”年度计划 应于3月31日完成，宽限至4月20日仍未报送完成情况")]
    [InlineData("party-branch-building", -1, "", "2025-07-21", true,
        "一季度：各党支部“三会一课”年度计划 应于3月31日完成，宽限至4月20日仍未报送完成情况（其后另有1个节点已过报送宽限）")]
    [InlineData("party-branch-building", 1, "2025-03-31", "2025-07-20", false, null)]
    [InlineData("party-branch-building", 1, "2025-03-31", "2025-07-21", true,
        "二季度：党务干部教育培训 应于6月30日完成，宽限至7月20日仍未报送完成情况")]
    // The first node reported done early (28 Mar): nothing is owed before the second node's deadline.
    [InlineData("party-branch-building", 1, "2025-03-28", "2025-07-10", false, null)]
    [InlineData("party-branch-building", 2, "2025-06-25", "2025-08-20", false, null)]
    [InlineData("party-branch-building", 2, "2025-06-25", "2025-10-21", true,
        "三季度：支部党建品牌创建推进 应于9月30日完成，宽限至10月20日仍未报送完成情况")]
    [InlineData("party-branch-building", 4, "2025-12-20", "2025-12-31", false, null)]
    // nsf-joint-funds: monthly reporting, nodes due 30 Apr, 31 Aug, 30 Nov. Nothing is due in February.
    [InlineData("nsf-joint-funds", -1, "", "2025-02-16", false, null)]
    [InlineData("nsf-joint-funds", -1, "", "2025-05-15", false, null)]
    [InlineData("nsf-joint-funds", -1, "", "2025-05-16", true, "发布年度联合基金项目指南 应于4月30日完成，宽限至5月15日仍未报送完成情况")]
    [InlineData("nsf-joint-funds", 1, "2025-04-25", "2025-07-10", false, null)]
    [InlineData("nsf-joint-funds", 1, "2025-04-25", "2025-09-16", true, "完成项目评审立项 应于8月31日完成，宽限至9月15日仍未报送完成情况")]
    // Reported after the due date and not done: reported; its light judges it (yellow, then red), not 未报送.
    [InlineData("nsf-joint-funds", 0, "2025-05-05", "2025-07-10", false, null)]
    [InlineData("nsf-joint-funds", 3, "2025-11-25", "2025-12-31", false, null)]
    public void Evaluate_MilestoneTask_NotReportedWhenANodeIsPastItsDeadline_AndSaysWhichNode(
        string targetId, int done, string asOf, string date, bool notReported, string? reason)
    {
        ReportEntry[] reports = done < 0 ? [] : [Fx.R(asOf, done)];
        var e = Fx.Eval(Plan, targetId, "city", Fx.At(date, 20), reports);
        Assert.Equal(notReported, e.NotReported);
        if (reason is null) return;
        Assert.EndsWith(reason + Tail, e.Explanation);
        Assert.DoesNotContain("发布", e.Explanation!.Replace("发布年度联合基金项目指南", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(reason + Tail, NotReportedRules.Reason(Plan, Plan.FindTarget(targetId)!, done < 0 ? null : Fx.D(asOf), Fx.D(date), Math.Max(done, 0)));
    }

    [Theory]
    // judged dates through the year (20:00 Asia/Shanghai)
    [InlineData("2025-02-16")]
    [InlineData("2025-04-21")]
    [InlineData("2025-05-16")]
    [InlineData("2025-06-16")]
    [InlineData("2025-07-10")]
    [InlineData("2025-07-21")]
    [InlineData("2025-08-16")]
    [InlineData("2025-09-16")]
    [InlineData("2025-10-21")]
    [InlineData("2025-12-16")]
    [InlineData("2025-12-31")]
    public void Evaluate_CityReportingEveryNodeOnItsDueDate_IsNeverNotReported(string date)
    {
        // 市本级 reports each milestone task's node done on its due date and every figure of its other targets on its
        // period's end: nothing is missing, so its 未报送 督办 has nothing to stay open for. Milestone tasks used to be
        // 未报送 between nodes by the release calendar of their reporting cycle (a monthly task from the 16th of the
        // month after its node), which kept the 督办 open all year.
        var day = Fx.D(date);
        var missing = new List<string>();
        foreach (var target in Plan.Targets.Where(t => t.AssignmentFor("city") is not null))
        {
            var reports = target.Kind == TargetKind.Milestone
                ? target.Milestones.Select((m, i) => (m.Due, Value: i + 1.0)).Where(n => n.Due <= day).Select(n => Fx.R(n.Due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), n.Value)).ToArray()
                : PeriodEnds(target.ReportingCycle, day).Select(d => Fx.R(d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), 1, numerator: 1, denominator: 100)).ToArray();
            if (Fx.Eval(Plan, target.Id, "city", Fx.At(date, 20), reports).NotReported) missing.Add(target.Id);
        }
        Assert.Empty(missing);
    }

    private static IEnumerable<DateOnly> PeriodEnds(ReportingCycle cycle, DateOnly until)
    {
        for (var end = ReleaseCalendar.PeriodEndOf(cycle, new DateOnly(until.Year, 1, 1)); end <= until && end.Year == until.Year;
             end = ReleaseCalendar.PeriodEndOf(cycle, end.AddDays(1)))
        {
            yield return end;
        }
    }
}
