using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Interfaces;

/// <summary>The 赛马 ranking of the ranked units (key: plan id). Scores come from the unit grains.</summary>
public interface IRankingGrain : IGrainWithStringKey
{
    /// <summary>Cards of units (worst light, 未报送 count, score) that changed, a batch from one silo's
    /// <c>UnitCardPublisher</c>: each updates the ranking (O(log n)) and the wall's counts (O(1)), and the wall is
    /// published once for all of them. One-way.</summary>
    [OneWay]
    Task ReportCardsAsync(ImmutableArray<UnitCard> cards);

    /// <summary>Units with a score, best first; equal scores share a rank. Read from the maintained order, not sorted.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<RankingEntry>> GetRankingAsync();

    /// <summary>One unit's place and the number of ranked units, without the ranking.</summary>
    [AlwaysInterleave]
    Task<UnitPlace> GetPlaceAsync(string unitId);

    /// <summary>What a wall shows of the units: counts, the ranking (all up to 40 units, else leaders and laggards) and
    /// the listed units' cards.</summary>
    [AlwaysInterleave]
    Task<WallBoard> GetBoardAsync();
}
