using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Views;

namespace KejiLive.Domain.Tests;

/// <summary>Issue 17's inhibition: a statistics release late for most units gives one city notice, and the units still
/// missing that figure are judged on what they have (no stale light, no 未报送 for it).</summary>
public sealed class ReleaseInhibitionTests
{
    // Shipped plan: project-applications (growth, quarterly, 20 units, yellow 10 / red 30), talent-teams (count, monthly),
    // rd-intensity (ratio), graceDays 5. A unit is 未报送 once a newer figure's release date plus the 5 grace days has
    // passed (ReleaseCalendar): Q3 (30 Sep) is released on 15 Oct, so a unit with only Q2 is 未报送 from 21 Oct; Q1 is
    // released on 15 Apr, so a unit with nothing is from 21 Apr; monthly figures are released on the 10th.
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    private static DateOnly?[] Units(int q3, int q2, int none = 0) =>
        [.. Enumerable.Repeat<DateOnly?>(Fx.D("2025-09-30"), q3), .. Enumerable.Repeat<DateOnly?>(Fx.D("2025-06-30"), q2), .. Enumerable.Repeat<DateOnly?>(null, none)];

    [Theory]
    // date, units with Q3, units with only Q2, units with nothing, expected late period (null: no notice), missing
    [InlineData("2025-10-05", 0, 20, 0, null, 0)] // Q3 is not released yet: nobody misses it
    [InlineData("2025-10-06", 0, 20, 0, null, 0)] // the old 92 + 5 day rule showed a notice here, 9 days before the release
    [InlineData("2025-10-10", 3, 17, 0, null, 0)]
    [InlineData("2025-10-20", 0, 20, 0, null, 0)] // released on 15 Oct, within the 5 grace days
    [InlineData("2025-10-21", 0, 20, 0, "2025-09-30", 20)] // every unit would be 未报送 for Q3: one notice
    [InlineData("2025-10-25", 0, 20, 0, "2025-09-30", 20)]
    [InlineData("2025-10-21", 9, 11, 0, "2025-09-30", 11)] // 11 of 20 missing: most
    [InlineData("2025-10-21", 10, 10, 0, null, 0)] // exactly half: not most
    [InlineData("2025-10-21", 12, 8, 0, null, 0)] // 8 of 20 missing: the 8 are late on their own
    [InlineData("2025-11-30", 2, 10, 8, "2025-09-30", 10)] // units with nothing at all are no evidence: 10 of 12 reporting
    [InlineData("2025-11-30", 9, 2, 9, null, 0)] // 2 of 11 reporting units missing
    [InlineData("2025-04-08", 0, 0, 20, null, 0)] // nobody has reported anything: silence says nothing of the statistics
    [InlineData("2025-11-30", 0, 2, 18, null, 0)] // two reporting units are too few
    public void Check_QuarterlyGrowth_NoticeWhenMostUnitsMissTheDueFigure(string date, int q3, int q2, int none, string? period, int missing)
    {
        var target = Plan.FindTarget("project-applications")!;
        var late = ReleaseInhibition.Check(Plan, target, Units(q3, q2, none), Fx.D(date));

        if (period is null || missing == 0)
        {
            Assert.Null(late);
            return;
        }
        Assert.NotNull(late);
        Assert.Equal(Fx.D(period), late.PeriodEnd);
        Assert.Equal(missing, late.Missing);
        Assert.Equal(q3 + q2, late.Units);
        Assert.Equal(ReleaseCalendar.ReleaseOf(ReportingCycle.Quarterly, late.PeriodEnd), late.Release);
    }

    [Theory]
    [InlineData("2025-10-25", "第三季度统计数据尚未发布：已过10月15日发布日10天（宽限5天），20个报送单位中17个尚未报送，各单位暂按已报数据判断，不因缺这一期数据判灯或标记未报送。")]
    [InlineData("2025-10-21", "第三季度统计数据尚未发布：已过10月15日发布日6天（宽限5天），20个报送单位中17个尚未报送，各单位暂按已报数据判断，不因缺这一期数据判灯或标记未报送。")]
    public void Check_Q3LateForMost_SaysSoInChinese(string date, string message)
    {
        var late = ReleaseInhibition.Check(Plan, Plan.FindTarget("project-applications")!, Units(3, 17), Fx.D(date));

        Assert.NotNull(late);
        Assert.Equal(message, late.Message);
    }

    [Theory]
    // monthly: with July's figure, August's (released 10 Sep) is overdue from 16 Sep, not on 6 Sep (the old 31 + 5 days)
    [InlineData("talent-teams", "2025-09-06", "2025-07-31", false)]
    [InlineData("talent-teams", "2025-09-15", "2025-07-31", false)]
    [InlineData("talent-teams", "2025-09-16", "2025-07-31", true)]
    [InlineData("rd-intensity", "2025-11-30", "2025-06-30", false)] // ratios are not inhibited
    [InlineData("science-award-rank", "2025-11-30", "2025-06-30", false)] // ranks are not
    public void Check_ByKindAndCycle(string targetId, string date, string? everyoneAsOf, bool expected)
    {
        var target = Plan.FindTarget(targetId)!;
        var units = Enumerable.Repeat(everyoneAsOf is null ? (DateOnly?)null : Fx.D(everyoneAsOf), 20).ToList();

        Assert.Equal(expected, ReleaseInhibition.Check(Plan, target, units, Fx.D(date)) is not null);
    }

    [Theory]
    [InlineData("talent-teams", "2025-09-16", 20, 0)]
    [InlineData("talent-teams", "2025-09-16", 11, 4)]
    [InlineData("talent-teams", "2025-09-16", 10, 5)]
    [InlineData("talent-teams", "2025-09-16", 2, 0)]
    [InlineData("talent-teams", "2025-09-06", 20, 0)]
    [InlineData("project-applications", "2025-10-25", 17, 3)]
    [InlineData("rd-intensity", "2025-11-30", 20, 0)]
    public void Check_FromKeptCounts_EqualsTheCheckOverEveryUnit(string targetId, string date, int july, int august)
    {
        // The city keeps its units' figure dates in a sorted multiset and asks with counts; the answer must be the one over
        // the list of every unit (units without a figure included).
        var target = Plan.FindTarget(targetId)!;
        var units = Enumerable.Repeat((DateOnly?)Fx.D("2025-07-31"), july)
            .Concat(Enumerable.Repeat((DateOnly?)Fx.D("2025-08-31"), august))
            .Concat(Enumerable.Repeat((DateOnly?)null, 3)).ToList();
        var kept = new SortedMultiset<DateOnly>();
        foreach (var asOf in units) if (asOf is { } d) kept.Add(d);

        Assert.Equal(ReleaseInhibition.Check(Plan, target, units, Fx.D(date)), ReleaseInhibition.Check(Plan, target, kept.Count, kept.CountBelow, Fx.D(date)));
    }

    [Fact]
    public void Check_TwoUnits_IsNeverALateRelease()
    {
        var target = Plan.FindTarget("project-applications")!;
        Assert.Null(ReleaseInhibition.Check(Plan, target, [Fx.D("2025-06-30"), Fx.D("2025-06-30")], Fx.D("2025-11-01")));
    }

    [Theory]
    // the unit's newest AsOf, covered by a late Q3 (it has Q2 but not Q3)
    [InlineData("2025-06-30", true)]
    [InlineData("2025-09-30", false)] // it has the figure: judged as usual
    [InlineData("2025-03-31", false)] // missing Q2 as well: late on its own
    [InlineData(null, false)] // nothing at all: 未报送 on its own
    public void Covers_OnlyUnitsMissingJustTheLateFigure(string? asOf, bool covered)
    {
        var late = ReleaseInhibition.Check(Plan, Plan.FindTarget("project-applications")!, Units(0, 20), Fx.D("2025-10-25"));
        Assert.Equal(covered, ReleaseInhibition.Covers(late, ReportingCycle.Quarterly, asOf is null ? null : Fx.D(asOf)));
    }

    [Fact]
    public void Evaluate_UnitMissingALateRelease_IsNotNotReportedNorJudgedOnTheMissingFigure()
    {
        // 360702 reported Q1 and Q2, then nothing: on 30 Nov it is 未报送 (Q3 was released on 15 Oct, + 5 grace days) and
        // says so. With Q3 late for 19 of 20 units it is not 未报送, is judged at its own figure's date, and says why.
        var target = Plan.FindTarget("project-applications")!;
        var a = target.AssignmentFor("360702")!;
        var now = Fx.At("2025-11-30");
        ReportEntry[] reports = [Fx.R("2025-03-31", 0.22 * a.Target, Fx.At("2025-04-05")), Fx.R("2025-06-30", 0.45 * a.Target, Fx.At("2025-07-05"))];
        var late = ReleaseInhibition.Check(Plan, target, Units(1, 19), ShanghaiDate(now));

        var alone = TargetEvaluator.Evaluate(Plan, target, a, reports, now, new PreviousLight(Light.Green, Fx.At("2025-07-05")));
        var inhibited = TargetEvaluator.Evaluate(Plan, target, a, reports, now, new PreviousLight(Light.Green, Fx.At("2025-07-05")), late);

        Assert.True(alone.NotReported);
        Assert.Contains("第三季度数据10月中旬发布，宽限5天至10月20日仍未报送，另行标记未报送", alone.Explanation);
        Assert.False(inhibited.NotReported);
        Assert.Equal(Fx.D("2025-06-30"), inhibited.ScheduleDate);
        Assert.Contains("第三季度统计数据尚未发布", inhibited.Explanation);
        Assert.Equal(LightRules.Raw(inhibited.GapPoints, target.Thresholds), inhibited.Light);
    }

    private static DateOnly ShanghaiDate(DateTimeOffset at) => Calendar.ShanghaiTime.DateOf(at);
}
