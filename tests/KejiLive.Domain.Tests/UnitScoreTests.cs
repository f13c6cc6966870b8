using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class UnitScoreTests
{
    private static readonly Planning.TargetDefinition Target = PlanJson.Load().FindTarget("hi-tech")!;

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

    [Fact]
    public void Compute_FromRealEvaluations_RankGreyIsSkipped()
    {
        var plan = PlanJson.Load();
        var now = Fx.At("2025-07-01");
        var hi = Fx.Eval(plan, "hi-tech", "360702", now, [Fx.R("2025-06-30", 20)]);
        var rank = Fx.Eval(plan, "award-rank", "city", now);
        var score = UnitScore.Compute([(plan.FindTarget("hi-tech")!, hi), (plan.FindTarget("award-rank")!, rank)]);
        Assert.Equal(Math.Min(hi.CompletionRate / hi.ScheduleRate, 1.2) * 100, score!.Value, Fx.Tol);
    }
}
