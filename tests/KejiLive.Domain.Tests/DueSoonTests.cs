using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>临期: a small-number target's next item, or a milestone task's next node, not done and due soon. A unit that
/// owes its one 中试基地 by 31 December is green all year (nothing is late before then); from 1 December it says the
/// deadline is near, and nothing about the light changes.</summary>
public sealed class DueSoonTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    [Theory]
    // target, unit, items or nodes reported done (-1: no report), judged date, expected sentence (null: not 临期)
    // pilot-bases: 信丰县 owes 1 item; the plan's 50% step on 30 June is half an item, so the item is due 31 December.
    [InlineData("pilot-bases", "360722", -1, "2025-11-30", null)]
    [InlineData("pilot-bases", "360722", -1, "2025-12-01", "临期：第1项期限12月31日，还剩30天，已完成0项（共1项）。")]
    [InlineData("pilot-bases", "360722", 0, "2025-12-20", "临期：第1项期限12月31日，还剩11天，已完成0项（共1项）。")]
    [InlineData("pilot-bases", "360722", 0, "2025-12-31", "临期：第1项期限今天（12月31日），已完成0项（共1项）。")]
    [InlineData("pilot-bases", "360722", 1, "2025-12-20", null)]
    // high-growth-firms: 章贡区 owes 3 (a 50% step on 31 October: 1 item, the rest by 31 December). With none done its
    // first item is late (the light says so) and the second is 临期; the sentence says why it counts from the second.
    [InlineData("high-growth-firms", "360702", 0, "2025-12-20", "临期：第2项期限12月31日，还剩11天，已完成0项（共3项，第1项已过期限）。")]
    [InlineData("high-growth-firms", "360702", 1, "2025-12-20", "临期：第2项期限12月31日，还剩11天，已完成1项（共3项）。")]
    // A target in points (talent-teams, 12 items for 瑞金市) is never 临期: its light follows the plan all year.
    [InlineData("talent-teams", "360781", 3, "2025-12-20", null)]
    // party-branch-building (市本级): quarterly nodes due 31 Mar, 30 Jun, 30 Sep, 31 Dec; two weeks' notice.
    [InlineData("party-branch-building", "city", -1, "2025-03-16", null)]
    [InlineData("party-branch-building", "city", -1, "2025-03-17", "临期：一季度：各党支部“三会一课”年度计划 期限3月31日，还剩14天，尚未报送完成。")]
    [InlineData("party-branch-building", "city", 1, "2025-03-20", null)]
    [InlineData("party-branch-building", "city", 1, "2025-06-25", "临期：二季度：党务干部教育培训 期限6月30日，还剩5天，尚未报送完成。")]
    // Past the due date it is no longer 临期: the light and the 节点逾期 督办 say it is late.
    [InlineData("party-branch-building", "city", 1, "2025-07-01", null)]
    // Behind on earlier nodes, the next deadline still comes: nothing done by 20 December, the fourth node is 临期.
    [InlineData("party-branch-building", "city", -1, "2025-12-20", "临期：四季度：组织生活会和民主评议党员 期限12月31日，还剩11天，尚未报送完成。")]
    [InlineData("party-branch-building", "city", 4, "2025-12-20", null)]
    public void Evaluate_SaysWhenTheNextItemOrNodeIsDueSoon(string targetId, string unit, int done, string day, string? text)
    {
        var target = Plan.FindTarget(targetId)!;
        var date = Fx.D(day);
        // A report dated the day before (or none), judged at noon on the day.
        ReportEntry[] reports = done < 0 ? [] : [Fx.R(date.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), done)];

        var e = TargetEvaluator.Evaluate(Plan, target, target.AssignmentFor(unit)!, reports, Fx.At(day), new PreviousLight(Light.Grey, null));

        Assert.Equal(text, e.DueSoon?.Text);
        if (e.DueSoon is { } soon) Assert.Equal(date.AddDays(soon.DaysLeft), soon.Due);
    }

    [Fact]
    public void Evaluate_DueSoon_DoesNotMoveTheLight()
    {
        // 信丰县 with nothing done on 20 December owes no item yet: green (or grey without a report), 临期 beside it.
        var target = Plan.FindTarget("pilot-bases")!;
        var e = TargetEvaluator.Evaluate(Plan, target, target.AssignmentFor("360722")!, [Fx.R("2025-09-30", 0)], Fx.At("2025-12-20"), new PreviousLight(Light.Green, null));

        Assert.Equal(Light.Green, e.Light);
        Assert.NotNull(e.DueSoon);
    }

    [Fact]
    public void Evaluate_AfterTheYear_NothingIsDueToday()
    {
        // The judged date stays 31 December after the year; "期限今天" would be wrong on 5 January.
        var target = Plan.FindTarget("pilot-bases")!;
        var e = TargetEvaluator.Evaluate(Plan, target, target.AssignmentFor("360722")!, [Fx.R("2025-09-30", 0)], Fx.At("2026-01-05"), new PreviousLight(Light.Green, null));

        Assert.Null(e.DueSoon);
    }
}
