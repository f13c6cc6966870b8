namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>A unit as the wall shows it: its worst light, how many of its targets are 未报送, red, yellow or 待核实, its
/// 赛马 score and rank.</summary>
[GenerateSerializer, Alias("keji.unit-card")]
public sealed record UnitCard
{
    [Id(0)] public required string Unit { get; init; }
    [Id(1)] public required string WorstLight { get; init; }
    [Id(2)] public int NotReportedTargets { get; init; }
    [Id(3)] public double? Score { get; init; }
    [Id(4)] public int? Rank { get; init; }
    [Id(5)] public DateTimeOffset JudgedAt { get; init; }

    /// <summary>How many of the unit's targets are red: the tile says why it is red (its worst light) while its score
    /// may rank it high.</summary>
    [Id(6)] public int RedTargets { get; init; }

    /// <summary>How many of the unit's targets are yellow.</summary>
    [Id(7)] public int YellowTargets { get; init; }

    /// <summary>How many of the unit's targets rest on a figure awaiting the city office's confirmation (待核实).</summary>
    [Id(8)] public int PendingReviewTargets { get; init; }

    /// <summary>How many of the unit's targets can be judged (not grey): the tile of a unit with none shows no score.</summary>
    [Id(9)] public int JudgedTargets { get; init; }
}
