using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Mapping;

namespace KejiLive.Grains.Tests;

/// <summary>The city roll-up grain keeps its figures incrementally: after any seeded sequence of reports, and after a
/// restart, they equal the full recomputation (<see cref="CityRollUp"/>) over its units; the city light (hysteresis) is
/// stored, so a restart does not turn it back to its raw colour.</summary>
public sealed class CityRollUpGrainTests
{
    private static readonly DateTimeOffset Start = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData("talent-teams", 7)]
    [InlineData("tech-smes", 2025)]
    public async Task CityTarget_WhenSeededReportsAndRestart_EqualsFullRecomputation(string target, int seed)
    {
        var path = KejiCluster.NewDatabasePath();
        try
        {
            var rng = new Random(seed);
            var units = KejiCluster.Plan.FindTarget(target)!.Assignments.Select(a => a.UnitId).ToList();
            await using (var first = await KejiCluster.StartAsync(Start, path))
            {
                for (var i = 0; i < 40; i++)
                {
                    var unit = units[rng.Next(units.Count)];
                    var annual = KejiCluster.Plan.FindTarget(target)!.AssignmentFor(unit)!.Target;
                    var asOf = new DateOnly(2025, 6, 1).AddDays(rng.Next(0, 30)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                    await first.Client.GetGrain<ITargetGrain>(GrainKeys.Target(target, unit))
                        .SubmitAsync(Reports.Count($"p-{seed}-{i}", asOf, rng.Next(0, (int)Math.Ceiling(annual) + 1), correction: true));
                    if (i % 10 == 9) await AssertEqualsFullRecomputationAsync(first.Client, target);
                }
                await AssertEqualsFullRecomputationAsync(first.Client, target);
            }

            await using var second = await KejiCluster.StartAsync(Start, path);
            await AssertEqualsFullRecomputationAsync(second.Client, target);
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task CityLight_WhenImprovedInsideHysteresisBandAndRestarted_KeepsStoredLight()
    {
        const string target = "talent-teams";
        var path = KejiCluster.NewDatabasePath();
        try
        {
            var definition = KejiCluster.Plan.FindTarget(target)!;
            string lightBefore;
            await using (var first = await KejiCluster.StartAsync(Start, path))
            {
                // Every unit at 25% of its share on 30 June (序时 ≈ 49.6%): the city is about 25 points behind, 18.6 in the
                // whole items its units owe (CityLight).
                await ReportAllAsync(first.Client, definition, 0.25, "a");
                var behind = await Eventually.Until(() => first.Client.GetGrain<ICityTargetGrain>(target).GetCityAsync(), c => c.ReportCount == definition.Assignments.Length);
                Assert.NotEqual("green", behind.Light);
                // Then at 33%: 9.5 points behind in whole items, inside the 2-point hysteresis band above the yellow threshold.
                await ReportAllAsync(first.Client, definition, 0.33, "b");
                var better = await Eventually.Until(() => first.Client.GetGrain<ICityTargetGrain>(target).GetCityAsync(), c => c.ReportCount == 2 * definition.Assignments.Length);
                var raw = CityRollUp.Roll(KejiCluster.Plan, definition, await UnitsAsync(first.Client, target), first.Time.GetUtcNow(), Light.Grey).City.Light;
                Assert.NotEqual(LightNames.ToName(raw), better.Light);
                lightBefore = better.Light;
            }

            await using var second = await KejiCluster.StartAsync(Start, path);
            var after = await second.Client.GetGrain<ICityTargetGrain>(target).GetCityAsync();
            Assert.Equal(lightBefore, after.Light);
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }

    /// <summary>The tour's 引进共建高端研发机构: two institutes of 1 each, half the year due on 30 June. Each unit owes no whole
    /// item yet (green); the city grain owes what they owe (it showed 红 −50.0 beside them) and agrees with the full
    /// recomputation the weekly pack uses.</summary>
    [Fact]
    public async Task CityLight_ItemMeasure_GreenWhileEveryUnitOwesNoWholeItem()
    {
        const string target = "rd-institutes";
        await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 8, 20, 9, 0, 0, TimeSpan.FromHours(8)));
        try
        {
            var definition = KejiCluster.Plan.FindTarget(target)!;
            foreach (var a in definition.Assignments)
            {
                await keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target(target, a.UnitId)).SubmitAsync(Reports.Count($"ri-{a.UnitId}", "2025-06-30", 0));
            }
            var city = await Eventually.Until(() => keji.Client.GetGrain<ICityTargetGrain>(target).GetAsync(),
                c => c.City.ReportCount == definition.Assignments.Length);

            Assert.All(city.Units, u => Assert.Equal("green", u.Light));
            Assert.Equal(-50, city.City.GapPoints, 6);
            Assert.Equal("green", city.City.Light);
            Assert.StartsWith("按各单位应完成的整项合计：应完成0个，已完成0个", city.City.Explanation);
            var full = CityRollUp.Roll(KejiCluster.Plan, definition, await UnitsAsync(keji.Client, target), city.City.JudgedAt, Light.Grey).City;
            Assert.Equal(LightNames.ToName(full.Light), city.City.Light);
            Assert.Equal(full.Explanation, city.City.Explanation);
        }
        finally
        {
            KejiCluster.DeleteDatabase(keji.DatabasePath);
        }
    }

    private static async Task ReportAllAsync(IClusterClient client, Domain.Planning.TargetDefinition definition, double share, string tag)
    {
        foreach (var a in definition.Assignments)
        {
            await client.GetGrain<ITargetGrain>(GrainKeys.Target(definition.Id, a.UnitId))
                .SubmitAsync(Reports.Count($"h-{tag}-{a.UnitId}", "2025-06-30", Math.Round(a.Target * share, 2), correction: true));
        }
    }

    private static async Task<List<UnitResult>> UnitsAsync(IClusterClient client, string target)
    {
        var definition = KejiCluster.Plan.FindTarget(target)!;
        var snapshots = await Task.WhenAll(definition.Assignments.Select(a =>
            client.GetGrain<ITargetGrain>(GrainKeys.Target(target, a.UnitId)).GetSnapshotAsync()));
        return [.. snapshots.Select(s => new UnitResult(s.Unit, SnapshotMapper.ToEvaluation(s)))];
    }

    /// <summary>Waits until the city grain holds every unit's newest snapshot, then compares it with the full
    /// recomputation over the same units (previous light: the city's own light one read earlier).</summary>
    private static async Task AssertEqualsFullRecomputationAsync(IClusterClient client, string target)
    {
        var definition = KejiCluster.Plan.FindTarget(target)!;
        var units = await UnitsAsync(client, target);
        var reports = (await Task.WhenAll(definition.Assignments.Select(a =>
            client.GetGrain<ITargetGrain>(GrainKeys.Target(target, a.UnitId)).GetSnapshotAsync()))).Sum(s => s.ReportCount);
        var city = client.GetGrain<ICityTargetGrain>(target);
        var first = await Eventually.Until(() => city.GetAsync(), c => c.City.ReportCount == reports);
        var rolled = await city.GetAsync();
        var expected = CityRollUp.Roll(KejiCluster.Plan, definition, units, rolled.City.JudgedAt, LightNames.Parse(first.City.Light));

        Assert.Equal(definition.Assignments.Select(a => a.UnitId), rolled.Units.Select(u => u.Unit));
        Assert.Equal(expected.City.Actual, rolled.City.Actual, 1e-9);
        Assert.Equal(expected.City.Expected, rolled.City.Expected, 1e-9);
        Assert.Equal(expected.City.AnnualTarget, rolled.City.AnnualTarget, 1e-9);
        Assert.Equal(expected.City.GapPoints, rolled.City.GapPoints, 1e-9);
        Assert.Equal(LightNames.ToName(expected.City.Light), rolled.City.Light);
        Assert.Equal(expected.City.ReportedAsOf, rolled.City.ReportedAsOf);
        Assert.Equal(expected.UnitsReporting, rolled.UnitsReporting);
        Assert.Equal(expected.UnitsNotReported, rolled.UnitsNotReported);
        Assert.Equal(expected.Shortfalls.Select(s => s.UnitId), rolled.Shortfalls.Select(s => s.Unit));
        Assert.Equal(definition.Assignments.Length, rolled.UnitCount);
    }
}
