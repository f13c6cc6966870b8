using KejiLive.Domain.Progress;
using KejiLive.Domain.WhatIf;
using static KejiLive.Domain.Tests.WhatIf.WhatIfSupport;

namespace KejiLive.Domain.Tests.WhatIf;

public class WhatIfRulesTests
{
    [Theory]
    [InlineData("rd-intensity", "360702", 1.0, "360703=1", false, "target", "比值类指标")]
    [InlineData("hi-tech", "999999", 5.0, "360702=5", false, "from", "没有单位 999999")]
    [InlineData("hi-tech", "gxq", 2.0, "360702=2", false, "from", "不计入全市合计")]
    [InlineData("hi-tech", "city", 2.0, "360702=2", false, "from", "不承担目标")]
    [InlineData("hi-tech", "360703", 5.0, "", false, "to", "至少填写一个承接单位")]
    [InlineData("hi-tech", "360703", 5.0, "360703=5", false, "to[0].unit", "不能是调出单位")]
    [InlineData("hi-tech", "360703", 4.0, "360702=2,360702=2", false, "to[1].unit", "重复出现")]
    [InlineData("hi-tech", "360703", 4.0, "360702=-1,360704=5", false, "to[0].amount", "不小于 0")]
    [InlineData("hi-tech", "360703", 4.0, "360702=1.5s", false, "to[0].share", "0 到 1")]
    [InlineData("hi-tech", "360703", 0.0, "360702=0", false, "amount", "大于 0")]
    [InlineData("hi-tech", "360703", 31.0, "360702=31", false, "amount", "超过南康区的年度目标 30")]
    [InlineData("hi-tech", "360703", 10.0, "360702=4,360704=5", false, "to", "承接合计 9 与调出 10 不等")]
    [InlineData("hi-tech", "360703", 10.0, "360702=0.5s,360704=0.4s", false, "to", "承接合计 9 与调出 10 不等")]
    [InlineData("hi-tech", "360703", 10.0, "360702=4,gxq=6", false, "to[1].unit", "叠加显示")]
    public void Resolve_BadProposal_NamesTheFieldInChinese(string target, string from, double amount, string to, bool cut, string field, string message)
    {
        var plan = Plan();
        var proposal = new WhatIfProposal(from, amount, To(to), cut);
        var errors = WhatIfCalculator.Check(plan, plan.FindTarget(target)!, proposal, Current(plan));
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
        var outcome = Compute(plan, proposal, target);
        Assert.False(outcome.IsValid);
        Assert.Null(outcome.Result);
    }

    [Fact]
    public void Resolve_AmountAndShareBoth_IsRefused()
    {
        var plan = Plan();
        var proposal = new WhatIfProposal("360703", 4, [new WhatIfMove("360702", 4, 1)]);
        var errors = WhatIfCalculator.Check(plan, plan.FindTarget("hi-tech")!, proposal, Current(plan));
        Assert.Equal(new FieldError("to[0]", "每个承接单位须填写数量或比例，二者选一。"), Assert.Single(errors));
    }

    [Theory]
    // Items move in whole items: a share that splits one, or a fractional amount, is refused.
    [InlineData("家", 3.0, "360702=0.5s,360704=0.5s", "to[0]", "须按整数调剂：章贡区分得 1.5")]
    [InlineData("家", 2.5, "360702=2.5", "amount", "须按整数调剂（调出 2.5）")]
    public void Resolve_WholeItems_MoveInWholeItems(string measure, double amount, string to, string field, string message)
    {
        var plan = Plan(measure);
        var errors = WhatIfCalculator.Check(plan, plan.FindTarget("hi-tech")!, new WhatIfProposal("360703", amount, To(to)), Current(plan));
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(10.0, "360702=5,360704=5", "360702:5,360704:5")]
    [InlineData(10.0, "360702=0.3s,360704=0.7s", "360702:3,360704:7")]
    [InlineData(10.0, "360702=0.25s,360704=7.5", "360702:2.5,360704:7.5")]
    [InlineData(8.0, "jkq=8", "jkq:8")]
    public void Resolve_AmountsAndShares_AddUpToWhatMoves(double amount, string to, string expected)
    {
        var plan = Plan();
        var (moved, moves, errors) = WhatIfRules.Resolve(plan, plan.FindTarget("hi-tech")!, new WhatIfProposal("360703", amount, To(to)), null);
        Assert.Empty(errors);
        Assert.Equal(amount, moved);
        Assert.Equal(expected, string.Join(",", moves.Select(m => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{m.Unit}:{m.Amount:0.##}"))));
    }

    [Theory]
    // Without an amount, the source's 差额 (expected − actual on 30 June) moves: 30 × 181/365 − 5; in whole items rounded up.
    [InlineData("亿元", "360702=1s", (30 * S) - 5)]
    [InlineData("家", "360702=1s", 10.0)]
    public void Resolve_WithoutAmount_MovesTheShortfall(string measure, string to, double expected)
    {
        var plan = Plan(measure);
        var current = Current(plan);
        var source = current.Single(u => u.UnitId == "360703").Evaluation;
        var (moved, _, errors) = WhatIfRules.Resolve(plan, plan.FindTarget("hi-tech")!, new WhatIfProposal("360703", null, To(to)), source);
        Assert.Empty(errors);
        Assert.Equal(expected, moved, 1e-9);
    }

    [Theory]
    // Without an amount, the source's 差额 as the target page lists it moves: 赣县区 (20 家) with 9 done on 30 June owes
    // the whole items due, ⌊20 × 181/365⌋ = 9, so nothing (its expected 9.92 is not a whole item more); with 8 done, 1 家.
    // In 亿元 the plan's expected value is owed: 0.92 and 1.92.
    [InlineData("家", 9.0, null)]
    [InlineData("家", 8.0, 1.0)]
    [InlineData("亿元", 9.0, (20 * S) - 9)]
    [InlineData("亿元", 8.0, (20 * S) - 8)]
    public void Resolve_WithoutAmount_MovesWhatTheTargetPageListsAsOwed(string measure, double done, double? expected)
    {
        var plan = Plan(measure);
        var target = plan.FindTarget("hi-tech")!;
        var source = TargetEvaluator.Evaluate(plan, target, target.AssignmentFor("360704")!, [KejiLive.Domain.Tests.Support.Fx.R("2025-06-30", done)], Now, Light.Grey);
        var (moved, _, errors) = WhatIfRules.Resolve(plan, target, new WhatIfProposal("360704", null, To("360702=1s")), source);
        if (expected is { } amount)
        {
            Assert.Empty(errors);
            Assert.Equal(amount, moved, 1e-9);
        }
        else
        {
            Assert.Equal(new FieldError("amount", "赣县区当前没有差额（已达序时进度），请填写调出数量。"), Assert.Single(errors));
        }
    }

    [Fact]
    public void Resolve_WithoutAmount_SourceOnPlan_AsksForAnAmount()
    {
        var plan = Plan();
        var errors = WhatIfCalculator.Check(plan, plan.FindTarget("hi-tech")!, new WhatIfProposal("360702", null, To("360703=1s")), Current(plan));
        Assert.Equal(new FieldError("amount", "章贡区当前没有差额（已达序时进度），请填写调出数量。"), Assert.Single(errors));
    }

    [Fact]
    public void Resolve_CityTotalChange_OnlyWhenMarked()
    {
        var plan = Plan();
        var target = plan.FindTarget("hi-tech")!;
        Assert.NotEmpty(WhatIfRules.Resolve(plan, target, new WhatIfProposal("360703", 10, To("360702=4")), null).Errors);
        var (moved, moves, errors) = WhatIfRules.Resolve(plan, target, new WhatIfProposal("360703", 10, To("360702=4"), ChangesCityTotal: true), null);
        Assert.Empty(errors);
        Assert.Equal(10, moved);
        Assert.Equal(4, moves.Single().Amount);
    }
}
