using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class UnitScoreTests
{
    /// <summary>A measure not counted in items (亿元): scored on 完成率 ÷ 序时进度.</summary>
    private static readonly Planning.TargetDefinition Target = PlanJson.Load().FindTarget("rd-growth")!;

    private static (Planning.TargetDefinition, TargetEvaluation) E(double cr, double sr, Light light = Light.Green) =>
        (Target, new TargetEvaluation(new(2025, 7, 1), 40, null, cr * 40, sr * 40, cr, sr, (cr - sr) * 100, light, false, null, null, null, false, 0, null, null));

    [Fact]
    public void Compute_AveragesCappedRatioOfCompletionToSchedule()
    {
        Assert.Equal((1 + 0.5 + 1.2) / 3 * 100, UnitScore.Compute([E(0.5, 0.5), E(0.3, 0.6, Light.Red), E(0.9, 0.5)])!.Value, Fx.Tol);
    }

    [Fact]
    public void Compute_SkipsGreyAndZeroSchedule()
    {
        Assert.Equal(50, UnitScore.Compute([E(0.3, 0.6, Light.Yellow), E(0, 0, Light.Grey), E(0, 0, Light.Red), E(1, 0.5, Light.Grey)])!.Value, Fx.Tol);
    }

    [Fact]
    public void Compute_WhenNothingCanBeJudged_IsNull()
    {
        Assert.Null(UnitScore.Compute([E(0, 0, Light.Grey)]));
        Assert.Null(UnitScore.Compute([]));
    }

    private static readonly Planning.PlanDocument Shipped = Planning.PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    [Theory]
    // A target counted in items (家, 个, 项) counts items done against what its light holds it to (whole items owed; for a
    // large count, the expected value less half the item under way), and not at all while nothing is owed and nothing is
    // done; a measure not counted in items in points.
    // annual, done, schedule share, light → contribution (null: not counted)
    [InlineData("high-growth-firms", 1, 0, 0.78, Light.Green, null)]     // 0.78 of 1 item: nothing owed yet (was 0)
    [InlineData("high-growth-firms", 1, 1, 0.78, Light.Green, 1.2)]      // the one item done before it is owed: ahead, capped
    [InlineData("high-growth-firms", 1, 0, 1.0, Light.Red, 0.0)]         // owed and not done
    [InlineData("high-growth-firms", 2, 1, 0.5, Light.Green, 1.0)]       // 1 of 1 owed
    [InlineData("high-growth-firms", 3, 1, 0.7, Light.Yellow, 0.5)]      // 2 owed, 1 done
    [InlineData("high-growth-firms", 3, 3, 0.7, Light.Green, 1.2)]       // capped
    [InlineData("high-growth-firms", 10, 0, 0.05, Light.Green, null)]    // 0.5 of 10 items: nothing owed yet, green (was 0)
    [InlineData("high-growth-firms", 10, 2, 0.35, Light.Yellow, 2.0 / 3)] // 3 whole items owed, 2 done (not 2 / 3.5)
    [InlineData("talent-teams", 5, 0, 0.1616, Light.Green, null)]        // 崇义县 in March: 0.8 of an item, green, scored 0
    [InlineData("talent-teams", 5, 1, 0.1616, Light.Green, 1.2)]         // ahead: one done before one is owed
    [InlineData("tech-smes", 52, 10, 0.1967, Light.Green, 1.0)]          // 10.2 expected: 10 whole owed, 10 done
    [InlineData("tech-smes", 200, 36, 0.2, Light.Yellow, 36 / 39.5)]     // a large count: done + half the one under way (40 − 0.5)
    [InlineData("rd-spending-growth", 2, 1, 0.5, Light.Green, 1.0)]      // 亿元: points
    [InlineData("high-growth-firms", 1, 0, 0.78, Light.Grey, null)]      // grey never counts
    public void Contribution_SmallNumberTargets_CountWholeItemsOwed(string targetId, double annual, double done, double share, Light light, double? expected)
    {
        var target = Shipped.FindTarget(targetId)!;
        var e = new TargetEvaluation(new(2025, 10, 15), annual, null, done, share * annual, done / annual, share, (done / annual - share) * 100,
            light, false, null, null, null, false, 0, null, null);
        var c = UnitScore.Contribution(target, e);
        if (expected is null) Assert.Null(c);
        else Assert.Equal(expected.Value, c!.Value, Fx.Tol);
    }

    [Fact]
    public void Compute_FromRealEvaluations_RankGreyIsSkipped()
    {
        var plan = PlanJson.Load();
        var now = Fx.At("2025-07-01");
        var hi = Fx.Eval(plan, "hi-tech", "360702", now, [Fx.R("2025-06-30", 20)]);
        var rank = Fx.Eval(plan, "award-rank", "city", now);
        var score = UnitScore.Compute([(plan.FindTarget("hi-tech")!, hi), (plan.FindTarget("award-rank")!, rank)]);
        // 20 of 40 家 at 19.8 expected on 30 June: 19 whole 家 owed.
        Assert.Equal(20.0 / 19 * 100, score!.Value, Fx.Tol);
    }
}
