using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.WhatIf;
using static KejiLive.Domain.Tests.WhatIf.WhatIfSupport;

namespace KejiLive.Domain.Tests.WhatIf;

public class WhatIfCalculatorTests
{
    /// <summary>10 of 南康区's 30 moves to 章贡区 and 赣县区, 5 each.</summary>
    private static WhatIfResult MoveTen()
    {
        var outcome = Compute(Plan(), new WhatIfProposal("360703", 10, To("360702=5,360704=5")));
        Assert.True(outcome.IsValid);
        return outcome.Result!;
    }

    [Theory]
    // unit, change, target before → after, light before → after (yellow at −5 points, red at −30, 2 points hysteresis).
    [InlineData("360703", -10.0, 30.0, 20.0, Light.Red, Light.Yellow)]
    [InlineData("360702", 5.0, 40.0, 45.0, Light.Green, Light.Yellow)]
    [InlineData("360704", 5.0, 20.0, 25.0, Light.Green, Light.Yellow)]
    public void Compute_EachTouchedUnit_NewTargetGapAndLight(string unit, double change, double annualBefore, double annualAfter, Light before, Light after)
    {
        var line = MoveTen().Units.Single(u => u.UnitId == unit);
        Assert.Equal(change, line.Change);
        Assert.Equal(annualBefore, line.Before.Evaluation.AnnualTarget);
        Assert.Equal(annualAfter, line.After.Evaluation.AnnualTarget);
        var actual = Actuals[unit];
        Assert.Equal(((actual / annualBefore) - S) * 100, line.Before.Evaluation.GapPoints, Fx.Tol);
        Assert.Equal(((actual / annualAfter) - S) * 100, line.After.Evaluation.GapPoints, Fx.Tol);
        Assert.Equal(S * annualAfter, line.After.Evaluation.Expected, Fx.Tol);
        Assert.Equal(before, line.Before.Evaluation.Light);
        Assert.Equal(after, line.After.Evaluation.Light);
    }

    [Fact]
    public void Compute_Units_SourceFirstThenReceiversInOrder()
    {
        Assert.Equal(["360703", "360702", "360704"], MoveTen().Units.Select(u => u.UnitId));
    }

    [Fact]
    public void Compute_Reallocation_KeepsTheCityTotalAndCountsRedUnits()
    {
        var result = MoveTen();
        Assert.Equal(0, result.CityTotalChange);
        Assert.Equal(10, result.Moved);
        Assert.Equal(100, result.City.Before.Evaluation.AnnualTarget, Fx.Tol);
        Assert.Equal(100, result.City.After.Evaluation.AnnualTarget, Fx.Tol);
        // The overlay (赣州高新区) is never summed: 20 + 5 + 10 + 5.
        Assert.Equal(40, result.City.After.Evaluation.Actual, Fx.Tol);
        // Every unit's figure is dated 30 June, so the city's expected value stays s × 100 on both sides.
        Assert.Equal(S * 100, result.City.Before.Evaluation.Expected, Fx.Tol);
        Assert.Equal(S * 100, result.City.After.Evaluation.Expected, Fx.Tol);
        Assert.Equal(1, result.City.UnitsRedBefore);
        Assert.Equal(0, result.City.UnitsRedAfter);
        Assert.Equal(Fx.D("2025-07-01"), result.Date);
    }

    [Fact]
    public void Compute_CityForecast_SumsTheUnitsForecastsOnEachSide()
    {
        var result = MoveTen();
        var plan = Plan();
        var current = Current(plan);
        var untouched = current.Where(u => u.UnitId is "jkq").Sum(u => u.Evaluation.Forecast!.Value);
        Assert.Equal(untouched + result.Units.Sum(u => u.After.Evaluation.Forecast!.Value), result.City.After.Evaluation.Forecast!.Value, Fx.Tol);
        Assert.Equal(untouched + result.Units.Sum(u => u.Before.Evaluation.Forecast!.Value), result.City.Before.Evaluation.Forecast!.Value, Fx.Tol);
    }

    [Fact]
    public void Compute_BeforeSide_IsWhatTheRulesJudgeNow()
    {
        var plan = Plan();
        var result = MoveTen();
        var current = Current(plan);
        foreach (var line in result.Units)
        {
            // The same judgement, without the since-time of a light actually shown (a proposal is not shown).
            Assert.Equal(current.Single(u => u.UnitId == line.UnitId).Evaluation with { LightSince = null }, line.Before.Evaluation);
        }
        var roll = CityRollUp.Roll(plan, plan.FindTarget("hi-tech")!, current, Now, Light.Yellow);
        Assert.Equal(roll.City, result.City.Before.Evaluation);
    }

    [Fact]
    public void Compute_WithTheUnitsPace_ForecastsBothSidesAsTheTargetPageDoes()
    {
        // 360703 (5 of 30, far behind) is catching up on its other targets: they ran 40 points above their pace over the
        // last quarter, at a level of 0.9 of plan. The page's forecast of this target uses that; so must the proposal's.
        var plan = Plan();
        var target = plan.FindTarget("hi-tech")!;
        var pace = new BorrowedPace(0.9, 3, 0.4, 3);
        var proposal = new WhatIfProposal("360703", 10, To("360702=5,360704=5"));
        var lent = WhatIfCalculator.Compute(plan, target, proposal, Current(plan), Histories(), Now, Light.Yellow,
            new Dictionary<string, BorrowedPace?> { ["360703"] = pace }).Result!;
        var plain = MoveTen();

        var source = lent.Units.Single(u => u.UnitId == "360703");
        var page = TargetEvaluator.Evaluate(plan, target, target.AssignmentFor("360703")!, Histories()["360703"], Now,
            new PreviousLight(Current(plan).Single(u => u.UnitId == "360703").Evaluation.Light, null), unitPace: pace);
        Assert.Equal(page.Forecast, source.Before.Evaluation.Forecast);
        Assert.True(source.Before.Evaluation.Forecast!.Value > plain.Units[0].Before.Evaluation.Forecast!.Value);
        Assert.True(source.After.Evaluation.Forecast!.Value > plain.Units[0].After.Evaluation.Forecast!.Value);
        // Units not in the map are forecast as before.
        Assert.Equal(plain.Units[1].Before.Evaluation.Forecast, lent.Units[1].Before.Evaluation.Forecast);
    }

    [Fact]
    public void Compute_MarkedCut_LowersTheCityTotal()
    {
        var outcome = Compute(Plan(), new WhatIfProposal("360703", 10, To("360702=4"), ChangesCityTotal: true));
        var result = outcome.Result!;
        Assert.Equal(-6, result.CityTotalChange);
        Assert.Equal(94, result.City.After.Evaluation.AnnualTarget, Fx.Tol);
        Assert.Equal(40.0 / 94, result.City.After.Evaluation.CompletionRate, Fx.Tol);
    }

    [Fact]
    public void Compute_NeverChangesThePlan()
    {
        var plan = Plan();
        var before = plan.FindTarget("hi-tech")!;
        _ = Compute(plan, new WhatIfProposal("360703", 10, To("360702=5,360704=5")));
        Assert.Same(before, plan.FindTarget("hi-tech"));
        Assert.Equal([40.0, 30, 20, 10, 8], plan.FindTarget("hi-tech")!.Assignments.Select(a => a.Target));
        Assert.Equal(100, plan.FindTarget("hi-tech")!.CityTarget);
    }

    [Theory]
    // 差额 on each side as the target page lists it. 南康区 (5 done) gives 10 of its 30 to 章贡区 (20 done, 40 → 45) and
    // 赣县区 (10 done, 20 → 25). In 亿元 the plan's expected value is owed. In 家 a target of more than 20 items owes the
    // items done plus half of the one under way (expected − 0.5), one of 20 or fewer the whole items due (⌊expected⌋), and
    // the 差额 is the whole items that make it up: ⌈14.88 − 0.5 − 5⌉ = 10, 9 − 5, ⌈22.32 − 0.5 − 20⌉ = 2, ⌈12.40 − 0.5 − 10⌉ = 2.
    // The city's 差额 is the sum over its units (those ahead count 0).
    [InlineData("亿元", (30 * S) - 5, (20 * S) - 5, (30 * S) - 5, (45 * S) - 20 + ((25 * S) - 10) + ((20 * S) - 5))]
    [InlineData("家", 10.0, 4.0, 10.0, 2.0 + 2 + 4)]
    public void Compute_Shortfall_IsWhatTheTargetPageLists(string measure, double sourceBefore, double sourceAfter, double cityBefore, double cityAfter)
    {
        var outcome = Compute(Plan(measure), new WhatIfProposal("360703", 10, To("360702=5,360704=5")));
        var source = outcome.Result!.Units.Single(u => u.UnitId == "360703");
        Assert.Equal(sourceBefore, source.Before.Shortfall, Fx.Tol);
        Assert.Equal(sourceAfter, source.After.Shortfall, Fx.Tol);
        Assert.Equal(0, outcome.Result.Units.Single(u => u.UnitId == "360702").Before.Shortfall);
        Assert.Equal(cityBefore, outcome.Result.City.Before.Shortfall, Fx.Tol);
        Assert.Equal(cityAfter, outcome.Result.City.After.Shortfall, Fx.Tol);
    }

    [Fact]
    public void Compute_CityOfWholeItems_GivesTheCityLightsOwnReason()
    {
        var outcome = Compute(Plan("家"), new WhatIfProposal("360703", 10, To("360702=5,360704=5")));
        var city = outcome.Result!.City;
        // The city light's own reading (CityLight): the whole items its units owe, not the plain 较序时 of the sums.
        Assert.StartsWith("按各单位应完成的整项合计", city.Before.Explanation, StringComparison.Ordinal);
        Assert.Contains($"全市判为{TargetEvaluator.LightName(city.Before.Evaluation.Light)}；红灯单位1个", city.Before.Explanation, StringComparison.Ordinal);
        Assert.StartsWith("按各单位应完成的整项合计", city.After.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_EveryLight_HasAChineseSentence()
    {
        var result = MoveTen();
        var sides = result.Units.SelectMany(u => new[] { u.Before, u.After }).Append(result.City.Before).Append(result.City.After);
        Assert.All(sides, s => Assert.Matches(@"^[^\n]*[\u4e00-\u9fff][^\n]*。$", s.Explanation));
        Assert.StartsWith("全市合计较序时", result.City.After.Explanation, StringComparison.Ordinal);
        Assert.Contains("红灯单位0个", result.City.After.Explanation, StringComparison.Ordinal);
        Assert.Contains("红灯单位1个", result.City.Before.Explanation, StringComparison.Ordinal);
    }

    [Theory]
    // forecast value, low, high against a target of 10.
    [InlineData(10.0, 9.0, 12.0, YearEndOutlook.Reach)]
    [InlineData(12.0, 11.0, 13.0, YearEndOutlook.Reach)]
    [InlineData(9.0, 8.0, 10.0, YearEndOutlook.AtRisk)]
    [InlineData(9.0, 8.0, 11.0, YearEndOutlook.AtRisk)]
    [InlineData(8.0, 7.0, 9.99, YearEndOutlook.Miss)]
    public void OutlookOf_ForecastAgainstTarget(double value, double low, double high, YearEndOutlook expected)
    {
        var e = new TargetEvaluation(Fx.D("2025-07-01"), 10, null, 5, 5, 0.5, 0.5, 0, Light.Green, false, null,
            new Forecast(value, low, high), null, false, 0, null, null);
        Assert.Equal(expected, WhatIfCalculator.OutlookOf(e));
    }

    [Fact]
    public void OutlookOf_NoForecast_IsUnknown()
    {
        var e = new TargetEvaluation(Fx.D("2025-07-01"), 10, null, 0, 5, 0, 0.5, -50, Light.Grey, false, null, null, null, false, 0, null, null);
        Assert.Equal(YearEndOutlook.Unknown, WhatIfCalculator.OutlookOf(e));
        Assert.Equal("暂无预测", WhatIfCalculator.OutlookName(YearEndOutlook.Unknown));
    }

    [Theory]
    // 南康区 (5 of 30 on 30 June) cannot reach 30 even at its forecast's high end; with 10 moved away still not 20; with
    // 20 moved away its forecast reaches 10.
    [InlineData(10.0, YearEndOutlook.Miss)]
    [InlineData(20.0, YearEndOutlook.Reach)]
    public void Compute_Outlook_FollowsTheNewTarget(double amount, YearEndOutlook after)
    {
        var source = Compute(Plan(), new WhatIfProposal("360703", amount, To($"360702={amount}"))).Result!.Units[0];
        Assert.Equal(YearEndOutlook.Miss, source.Before.Outlook);
        Assert.Equal(after, source.After.Outlook);
        Assert.Equal(WhatIfCalculator.OutlookOf(source.After.Evaluation), source.After.Outlook);
    }
}
