using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains;

/// <summary>The 赛马 ranking: unit scores in memory, rebuilt from the unit grains on activation.</summary>
public sealed class RankingGrain(PlanDocument plan) : Grain, IRankingGrain
{
    private readonly Dictionary<string, double> _scores = new(StringComparer.Ordinal);
    private ImmutableArray<RankingEntry> _published = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var units = plan.Units.Where(u => u.IsRanked).ToList();
        var scores = await Task.WhenAll(units.Select(u => GrainFactory.GetGrain<IUnitGrain>(u.Id).GetScoreAsync()));
        for (var i = 0; i < units.Count; i++)
        {
            if (scores[i] is { } s) _scores[units[i].Id] = s;
        }
    }

    public async Task ReportScoreAsync(string unitId, double? score)
    {
        if (score is { } s) _scores[unitId] = s;
        else _scores.Remove(unitId);
        var ranking = Rank();
        if (ranking.SequenceEqual(_published)) return;
        _published = ranking;
        await GrainFactory.GetGrain<ILiveFeedGrain>(0).PublishAsync(new LiveChanges { Ranking = ranking });
    }

    public Task<ImmutableArray<RankingEntry>> GetRankingAsync() => Task.FromResult(Rank());

    private ImmutableArray<RankingEntry> Rank()
    {
        // Scores are compared at 0.01 precision so that rounding noise does not split a tie.
        var ordered = _scores.OrderByDescending(kv => Math.Round(kv.Value, 2)).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var result = ImmutableArray.CreateBuilder<RankingEntry>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && Math.Round(ordered[i].Value, 2) == Math.Round(ordered[i - 1].Value, 2) ? result[i - 1].Rank : i + 1;
            result.Add(new RankingEntry { Unit = ordered[i].Key, Score = ordered[i].Value, Rank = rank });
        }
        return result.MoveToImmutable();
    }
}
