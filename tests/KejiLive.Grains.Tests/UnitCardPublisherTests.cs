using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace KejiLive.Grains.Tests;

/// <summary>The silo's <see cref="UnitCardPublisher"/>: unit cards that change together reach the ranking in fewer
/// messages than cards, and the ranking ends at every unit's current score and light.</summary>
public sealed class UnitCardPublisherTests
{
    private static readonly DateTimeOffset Start = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Reports_WhenEveryUnitReportsAtOnce_RankingEndsAtEveryUnitsScoreAfterFewerBatchesThanCards()
    {
        await using var keji = await KejiCluster.StartAsync(Start);
        var cards = keji.Cluster.Silos[0].ServiceProvider.GetRequiredService<UnitCardPublisher>();
        var pairs = new[] { "talent-teams", "tech-smes" }
            .SelectMany(t => KejiCluster.Plan.FindTarget(t)!.Assignments.Select(a => (Target: t, a.UnitId, Value: Math.Ceiling(a.Target / 3))))
            .ToList();
        var sentBefore = cards.Sent;
        var flushesBefore = cards.Flushes;

        await Task.WhenAll(pairs.Select(p => keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target(p.Target, p.UnitId))
            .SubmitAsync(Reports.Count($"cards-{p.Target}-{p.UnitId}", "2025-06-30", p.Value))));

        var units = pairs.Select(p => p.UnitId).Distinct().Where(u => KejiCluster.Plan.FindUnit(u)!.IsRanked).ToList();
        var ranking = keji.Client.GetGrain<IRankingGrain>(GrainKeys.Plan(KejiCluster.Plan.Id));
        foreach (var unit in units)
        {
            var card = await Eventually.Until(() => keji.Client.GetGrain<IUnitGrain>(unit).GetCardAsync(),
                c => c.JudgedTargets >= pairs.Count(p => p.UnitId == unit));
            await Eventually.Until(ranking.GetRankingAsync, r => r.Any(e => e.Unit == unit && e.Score == card.Score));
        }
        Assert.True(cards.Sent - sentBefore >= units.Count, $"{cards.Sent - sentBefore} cards for {units.Count} units");
        Assert.True(cards.Flushes - flushesBefore < cards.Sent - sentBefore,
            $"{cards.Flushes - flushesBefore} batches for {cards.Sent - sentBefore} cards");
    }
}
