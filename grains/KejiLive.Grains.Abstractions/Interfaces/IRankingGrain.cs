using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Interfaces;

/// <summary>The 赛马 ranking of the ranked units (key: plan id). Scores come from the unit grains.</summary>
public interface IRankingGrain : IGrainWithStringKey
{
    /// <summary>A unit's current score, or null when it has nothing to judge yet. One-way.</summary>
    [OneWay]
    Task ReportScoreAsync(string unitId, double? score);

    /// <summary>Units with a score, best first; equal scores share a rank.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<RankingEntry>> GetRankingAsync();
}
