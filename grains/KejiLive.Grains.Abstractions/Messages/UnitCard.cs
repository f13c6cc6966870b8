namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>A unit as the wall shows it: its worst light, how many of its targets are 未报送, its 赛马 score and rank.</summary>
[GenerateSerializer, Alias("keji.unit-card")]
public sealed record UnitCard
{
    [Id(0)] public required string Unit { get; init; }
    [Id(1)] public required string WorstLight { get; init; }
    [Id(2)] public int NotReportedTargets { get; init; }
    [Id(3)] public double? Score { get; init; }
    [Id(4)] public int? Rank { get; init; }
    [Id(5)] public DateTimeOffset JudgedAt { get; init; }
}
