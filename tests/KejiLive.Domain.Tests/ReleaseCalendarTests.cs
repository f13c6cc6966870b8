using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>未报送 follows the release calendar (issue 17): a figure is never missing before its release date plus the
/// plan's grace days. Weekly figures are released 3 days after the week (weeks counted from 1 January: in 2025 they end on
/// Tuesdays), monthly on the 10th of the next month, quarterly on the 15th, annual on 31 January of the next year.</summary>
public sealed class ReleaseCalendarTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    [Theory]
    [InlineData(ReportingCycle.Weekly, "2025-01-07", "2025-01-10")]
    [InlineData(ReportingCycle.Weekly, "2025-12-31", "2026-01-03")]
    [InlineData(ReportingCycle.Monthly, "2025-08-31", "2025-09-10")]
    [InlineData(ReportingCycle.Monthly, "2025-12-31", "2026-01-10")]
    [InlineData(ReportingCycle.Quarterly, "2025-09-30", "2025-10-15")]
    [InlineData(ReportingCycle.Annual, "2025-12-31", "2026-01-31")]
    public void ReleaseOf_ByCycle(ReportingCycle cycle, string periodEnd, string release)
    {
        Assert.Equal(Fx.D(release), ReleaseCalendar.ReleaseOf(cycle, Fx.D(periodEnd)));
    }

    [Theory]
    // cycle, judged date, grace days, newest overdue figure's period end (release + grace < date)
    [InlineData(ReportingCycle.Monthly, "2025-10-06", 5, "2025-08-31")] // September's figure is released on 10 Oct
    [InlineData(ReportingCycle.Monthly, "2025-10-15", 5, "2025-08-31")] // within the grace days
    [InlineData(ReportingCycle.Monthly, "2025-10-16", 5, "2025-09-30")]
    [InlineData(ReportingCycle.Monthly, "2025-10-11", 0, "2025-09-30")]
    [InlineData(ReportingCycle.Monthly, "2025-02-15", 5, "2024-12-31")] // nothing of this year overdue yet
    [InlineData(ReportingCycle.Quarterly, "2025-10-20", 5, "2025-06-30")]
    [InlineData(ReportingCycle.Quarterly, "2025-10-21", 5, "2025-09-30")]
    [InlineData(ReportingCycle.Weekly, "2025-01-15", 5, "2024-12-31")]
    [InlineData(ReportingCycle.Weekly, "2025-01-16", 5, "2025-01-07")]
    [InlineData(ReportingCycle.Annual, "2025-12-31", 5, "2024-12-31")]
    public void OverdueOn_IsTheNewestFigureReleasedMoreThanTheGraceDaysAgo(ReportingCycle cycle, string date, int grace, string periodEnd)
    {
        Assert.Equal(Fx.D(periodEnd), ReleaseCalendar.OverdueOn(cycle, Fx.D(date), grace));
    }

    [Theory]
    // cycle, newest reported AsOf (empty: none), judged date, overdue figures (5 grace days)
    [InlineData(ReportingCycle.Monthly, "2025-08-31", "2025-10-06", 0)] // the demo's false 未报送 on the 6th
    [InlineData(ReportingCycle.Monthly, "2025-08-31", "2025-10-16", 1)]
    [InlineData(ReportingCycle.Monthly, "2025-08-31", "2025-11-16", 2)]
    [InlineData(ReportingCycle.Monthly, "2025-09-28", "2025-10-16", 1)] // a figure dated before the month's end is not September's
    [InlineData(ReportingCycle.Monthly, "2025-10-03", "2025-11-15", 0)] // dated after 30 Sep: September's is in; October's is due 15 Nov
    [InlineData(ReportingCycle.Monthly, "", "2025-02-15", 0)]
    [InlineData(ReportingCycle.Monthly, "", "2025-02-16", 1)]
    [InlineData(ReportingCycle.Monthly, "", "2025-12-31", 11)] // January to November (released 10 Dec)
    [InlineData(ReportingCycle.Quarterly, "2025-06-30", "2025-10-06", 0)] // the old 92 + 5 day rule flagged this
    [InlineData(ReportingCycle.Quarterly, "2025-06-30", "2025-10-21", 1)]
    [InlineData(ReportingCycle.Quarterly, "2025-03-31", "2025-10-21", 2)]
    [InlineData(ReportingCycle.Weekly, "2025-09-26", "2025-10-08", 0)] // the week to 30 Sep is released on 3 Oct
    [InlineData(ReportingCycle.Weekly, "2025-09-26", "2025-10-09", 1)]
    [InlineData(ReportingCycle.Annual, "", "2025-12-31", 0)] // 2025's figure comes out in 2026
    public void OverdueFigures_CountsReleasedFiguresAfterTheNewestReport(ReportingCycle cycle, string asOf, string date, int overdue)
    {
        DateOnly? reported = asOf.Length == 0 ? null : Fx.D(asOf);
        Assert.Equal(overdue, ReleaseCalendar.OverdueFigures(cycle, reported, Fx.D(date), 5));
    }

    [Theory]
    // target (cycle), newest AsOf, judged date, 未报送, the one-sentence reason shown as 判灯依据 when it is
    [InlineData("talent-teams", "2025-08-31", "2025-10-06", false, null)]
    [InlineData("talent-teams", "2025-08-31", "2025-10-16", true, "9月数据10月10日发布，宽限5天至10月15日仍未报送，另行标记未报送，缺报本身不判红。")]
    [InlineData("talent-teams", "2025-07-31", "2025-10-16", true, "8月数据9月10日发布，宽限5天至9月15日仍未报送，另行标记未报送，缺报本身不判红。")]
    [InlineData("project-applications", "2025-06-30", "2025-10-20", false, null)]
    [InlineData("project-applications", "2025-06-30", "2025-10-21", true, "第三季度数据10月中旬发布，宽限5天至10月20日仍未报送，另行标记未报送，缺报本身不判红。")]
    public void IsNotReported_FollowsTheCalendar_AndSaysWhy(string targetId, string asOf, string date, bool notReported, string? why)
    {
        var target = Plan.FindTarget(targetId)!;
        Assert.Equal(notReported, NotReportedRules.IsNotReported(Plan, target, Fx.D(asOf), Fx.D(date), 0));
        if (why is not null) Assert.Equal(why, NotReportedRules.Reason(Plan, target, Fx.D(asOf), Fx.D(date), 0));
    }
}
