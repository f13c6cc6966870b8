using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>A unit's scorecard: every target it holds, its 赛马 score and rank among the ranked units.</summary>
[GenerateSerializer, Alias("keji.unit-scorecard")]
public sealed record UnitScorecard
{
    [Id(0)] public required string Unit { get; init; }
    [Id(1)] public double? Score { get; init; }

    /// <summary>1-based place among ranked units with a score; null when the unit has no score or is not ranked.</summary>
    [Id(2)] public int? Rank { get; init; }
    [Id(3)] public int RankedUnits { get; init; }
    [Id(4)] public required string WorstLight { get; init; }
    [Id(5)] public int NotReportedTargets { get; init; }
    [Id(6)] public ImmutableArray<TargetSnapshot> Targets { get; init; } = [];
}
