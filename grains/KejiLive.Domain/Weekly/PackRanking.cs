using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>The 赛马 ranking of the ranked units (counties and zones) at the week's end and the previous week's end,
/// ranked as the live ranking ranks: score compared to 0.01, ties share a rank, then unit id.</summary>
internal static class PackRanking
{
    public static ImmutableArray<RankingRow> Rank(PlanDocument plan, PackTracks tracks)
    {
        var units = plan.Units.Where(u => u.IsRanked).ToList();
        var now = new Dictionary<string, double?>(StringComparer.Ordinal);
        var before = new Dictionary<string, double?>(StringComparer.Ordinal);
        foreach (var u in units)
        {
            var list = tracks.ForUnit(plan, u.Id).ToList();
            now[u.Id] = UnitScore.Compute([.. list.Select(x => (x.Target, x.Track.Current))]);
            before[u.Id] = UnitScore.Compute([.. list.Select(x => (x.Target, x.Track.Previous))]);
        }
        var ranks = Ranks(now);
        var previousRanks = Ranks(before);
        return
        [
            .. units
                .Select(u =>
                {
                    var lights = tracks.ForUnit(plan, u.Id).Select(x => x.Track.Current.Light).ToList();
                    return new RankingRow(u.Id, u.Name, now[u.Id], ranks.GetValueOrDefault(u.Id), before[u.Id],
                        previousRanks.GetValueOrDefault(u.Id), lights.Count(l => l == Light.Red), lights.Count(l => l == Light.Yellow));
                })
                .OrderBy(r => r.Rank ?? int.MaxValue)
                .ThenBy(r => r.UnitId, StringComparer.Ordinal),
        ];
    }

    /// <summary>Ranks by score (rounded to 0.01) descending, then unit id; equal rounded scores share a rank.</summary>
    public static Dictionary<string, int?> Ranks(IReadOnlyDictionary<string, double?> scores)
    {
        var ordered = scores
            .Where(kv => kv.Value is not null)
            .Select(kv => (Unit: kv.Key, Score: Math.Round(kv.Value!.Value, 2)))
            .OrderByDescending(x => x.Score)
            .ThenBy(x => x.Unit, StringComparer.Ordinal)
            .ToList();
        var ranks = new Dictionary<string, int?>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Count; i++)
        {
            ranks[ordered[i].Unit] = i > 0 && ordered[i].Score == ordered[i - 1].Score ? ranks[ordered[i - 1].Unit] : i + 1;
        }
        return ranks;
    }
}
