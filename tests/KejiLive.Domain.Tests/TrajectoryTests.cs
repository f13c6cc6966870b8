using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Tests;

public sealed class TrajectoryTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    [Fact]
    public void Build_ForOneUnitOnLinearCurve_HasEveryDayAndTheBand()
    {
        var target = Plan.FindTarget("talent-teams")!;
        var unit = target.AssignmentFor("360702")!;

        var points = Trajectory.Build(Plan, target, [unit]);

        Assert.Equal(365, points.Length);
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), (points[0].Date, points[^1].Date));
        var june30 = points.Single(p => p.Date == new DateOnly(2025, 6, 30));
        Assert.Equal(unit.Target * 181 / 365, june30.Expected, 9);
        Assert.Equal(june30.Expected - 0.10 * unit.Target, june30.YellowLine, 9);
        Assert.Equal(Math.Max(0, june30.Expected - 0.30 * unit.Target), june30.RedLine, 9);
        Assert.Equal(unit.Target, points[^1].Expected, 9);
    }

    [Fact]
    public void Build_ForTheCity_SumsTheUnitsAndNeverGoesBelowZero()
    {
        var target = Plan.FindTarget("hi-tech-enterprises")!;
        var counted = target.Assignments.Where(a => Plan.FindUnit(a.UnitId)!.Kind != UnitKind.Overlay).ToList();

        var points = Trajectory.Build(Plan, target, counted);

        Assert.Equal(0, points.Single(p => p.Date == new DateOnly(2025, 9, 29)).Expected);
        Assert.Equal(0.3 * 200, points.Single(p => p.Date == new DateOnly(2025, 9, 30)).Expected, 9);
        Assert.Equal(200, points[^1].Expected, 9);
        Assert.All(points, p => Assert.True(p.RedLine >= 0 && p.RedLine <= p.YellowLine && p.YellowLine <= p.Expected));
    }
}
