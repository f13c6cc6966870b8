using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace KejiLive.Grains.Tests;

/// <summary>The silo's <see cref="JudgementPublisher"/>: judgements that arrive together reach the city and unit views
/// in fewer sends than reports, and the views always end at the last figure of every unit.</summary>
public sealed class JudgementPublisherTests
{
    private static readonly DateTimeOffset Start = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Reports_WhenEveryUnitOfTwoTargetsReportsAtOnce_ViewsShowEveryFigureAfterFewerSendsThanReports()
    {
        await using var keji = await KejiCluster.StartAsync(Start);
        var publisher = keji.Cluster.Silos[0].ServiceProvider.GetRequiredService<JudgementPublisher>();
        var pairs = new[] { "talent-teams", "tech-smes" }
            .SelectMany(t => KejiCluster.Plan.FindTarget(t)!.Assignments.Select(a => (Target: t, a.UnitId, Value: Math.Ceiling(a.Target / 3))))
            .ToList();
        var flushesBefore = publisher.Flushes;

        await Task.WhenAll(pairs.Select(p => keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target(p.Target, p.UnitId))
            .SubmitAsync(Reports.Count($"all-{p.Target}-{p.UnitId}", "2025-06-30", p.Value))));

        foreach (var target in pairs.GroupBy(p => p.Target))
        {
            var city = await Eventually.Until(() => keji.Client.GetGrain<ICityTargetGrain>(target.Key).GetAsync(),
                c => c.Units.Count(u => u.ReportCount == 1) == target.Count());
            Assert.All(target, p => Assert.Equal(p.Value, city.Units.Single(u => u.Unit == p.UnitId).Actual));
        }
        foreach (var (target, unit, value) in pairs.Take(5))
        {
            var card = await Eventually.Until(() => keji.Client.GetGrain<IUnitGrain>(unit).GetScorecardAsync(),
                c => c.Targets.Any(t => t.Target == target && t.ReportCount == 1));
            Assert.Equal(value, card.Targets.Single(t => t.Target == target).Actual);
        }
        // Forty-odd reports committed together (one group commit) leave in a handful of batches, never one send each.
        Assert.True(publisher.Flushes - flushesBefore < pairs.Count, $"{publisher.Flushes - flushesBefore} sends for {pairs.Count} reports");
    }

    [Fact]
    public async Task Reports_WhenOneUnitSendsABurst_CityAndUnitEndAtItsLastFigure()
    {
        await using var keji = await KejiCluster.StartAsync(Start);
        var grain = keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target("talent-teams", "360702"));

        for (var i = 1; i <= 25; i++)
        {
            await grain.SubmitAsync(Reports.Count($"burst-{i}", "2025-06-30", i, correction: true));
        }

        var city = await Eventually.Until(() => keji.Client.GetGrain<ICityTargetGrain>("talent-teams").GetAsync(),
            c => c.Units.Single(u => u.Unit == "360702").ReportCount == 25);
        Assert.Equal(25, city.Units.Single(u => u.Unit == "360702").Actual);
        var card = await Eventually.Until(() => keji.Client.GetGrain<IUnitGrain>("360702").GetScorecardAsync(),
            c => c.Targets.Single(t => t.Target == "talent-teams").ReportCount == 25);
        Assert.Equal(25, card.Targets.Single(t => t.Target == "talent-teams").Actual);
    }
}
