using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests.Weekly;

/// <summary>The red and yellow list's 差额: whole items for measures counted in items (the items owed, floor of the
/// expected, less those done), the plain amount for other measures; and the unit pages' 判灯依据 beside a light that its
/// 较序时 alone would not give.</summary>
public sealed class PackShortfallTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    [Theory]
    // target, expected, actual → 差额
    [InlineData("tech-smes", 198.13, 165, 33)]          // 家: 198 owed, 165 done (was 33.13)
    [InlineData("talent-teams", 19.97, 13, 6)]           // 个: 19 owed
    [InlineData("talent-teams", 4.96, 4, 0.96)]          // less than one item missing: the fraction (shown 差不足1个)
    [InlineData("talent-teams", 4.0, 4, 0)]              // on plan
    [InlineData("talent-teams", 3, 5, 0)]                // ahead
    [InlineData("project-funding", 5603.4, 4880, 723.4)] // 万元: the amount
    [InlineData("rd-spending-growth", 1.2, 0.51, 0.69)]  // 亿元
    public void ShortfallOf_WholeItemsForItemMeasures(string targetId, double expected, double actual, double shortfall)
    {
        Assert.Equal(shortfall, PackLists.ShortfallOf(Plan.FindTarget(targetId)!, expected, actual), 9);
    }

    [Theory]
    // target, annual, gap points, light → the sentence shown (true) or none
    [InlineData("high-growth-firms", 1, -40, Light.Green, true)]   // 1 item, none owed yet: green at −40
    [InlineData("talent-teams", 12, -12, Light.Green, true)]       // would be yellow by points
    [InlineData("talent-teams", 12, -8, Light.Yellow, true)]       // hysteresis holds yellow
    [InlineData("talent-teams", 12, -12, Light.Yellow, false)]     // agrees
    [InlineData("talent-teams", 12, 5, Light.Green, false)]        // agrees
    [InlineData("talent-teams", 12, -35, Light.Red, false)]        // agrees
    [InlineData("talent-teams", 12, -20, Light.Red, true)]         // red from "will miss"
    [InlineData("talent-teams", 12, -20, Light.Grey, false)]       // grey: nothing judged
    public void WhyOf_OnlyWhereTheLightDiffersFromItsBand(string targetId, double annual, double gap, Light light, bool shown)
    {
        var e = new TargetEvaluation(new(2025, 10, 5), annual, null, 0, 0, 0, 0, gap, light, false, null, null, null, false, 0, null, null)
        {
            Explanation = "判灯依据。",
        };
        Assert.Equal(shown ? "判灯依据。" : null, PackLists.WhyOf(Plan.FindTarget(targetId)!, e));
    }
}
