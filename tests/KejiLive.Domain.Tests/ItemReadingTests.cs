using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>Issue 17: how a whole count is read against a plan that expects fractions of an item. Where one item is well
/// within the yellow tolerance the count stands for the items done plus half of the one under way; where one item is
/// more than the tolerance only whole items are owed.</summary>
public sealed class ItemReadingTests
{
    // Shipped plan, talent-teams (个, linear, monthly, yellow 10 / red 30). On 31 May the plan expects 151/365 of the year:
    // 4.96 of 12 (360781) and 2.07 of 5 (360725). Judged on 6 June at the figure's date.
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    [Theory]
    // 12 items (one item 8.3 pp < 10): 3 done + half of the 4th = 3.5 against 4.96: −12.2 pp, yellow (whole items owed
    // were 4: −8.3 pp, green, while the unit was truly 14 pp behind).
    [InlineData("360781", 3, Light.Yellow)]
    [InlineData("360781", 4, Light.Green)] // 4.5 against 4.96: −3.9 pp
    // 5 items (one item is 20 pp > 10): only whole items are owed: 2 due.
    [InlineData("360725", 1, Light.Yellow)]
    [InlineData("360725", 2, Light.Green)]
    public void Evaluate_WholeCount_ReadAgainstTheExpectedFraction(string unit, double done, Light light)
    {
        var target = Plan.FindTarget("talent-teams")!;
        var a = target.AssignmentFor(unit)!;
        Assert.Equal(unit == "360781" ? 12 : 5, a.Target);

        var e = TargetEvaluator.Evaluate(Plan, target, a, [Fx.R("2025-05-31", done)], Fx.At("2025-06-06"), new PreviousLight(Light.Grey, null));

        Assert.Equal(light, e.Light);
        Assert.Equal((done / a.Target - (151.0 / 365)) * 100, e.GapPoints, 9); // the 较序时 shown is unchanged
    }
}
