using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Tests;

public class ShippedPlanTests
{
    private static readonly string PlanPath = Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json");

    private static PlanDocument Load() => PlanLoader.LoadFile(PlanPath);

    [Fact]
    public void ShippedPlan_WhenLoaded_IsValidForYear2025WithSampleSplit()
    {
        var plan = Load();
        Assert.Equal(2025, plan.Year);
        Assert.True(plan.SampleSplit);
    }

    [Fact]
    public void ShippedPlan_WhenLoaded_HasSixteenMainTargets()
    {
        Assert.Equal(16, Load().Targets.Count(t => t.Group == "main"));
    }

    [Fact]
    public void ShippedPlan_WhenLoaded_HasTwentyRankedUnits()
    {
        Assert.Equal(20, Load().Units.Count(u => u.IsRanked));
    }

    [Fact]
    public void ShippedPlan_EveryCountTarget_NonOverlaySplitSumsToCityTarget()
    {
        var plan = Load();
        foreach (var t in plan.Targets.Where(t => t.Kind is TargetKind.Count))
        {
            var sum = t.Assignments.Where(a => plan.FindUnit(a.UnitId)!.Kind != UnitKind.Overlay).Sum(a => a.Target);
            Assert.True(Math.Abs(sum - t.CityTarget) < 1e-6, $"{t.Id}: split sums to {sum}, city target {t.CityTarget}");
        }
    }
}
