namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>One line of the 赛马 ranking.</summary>
[GenerateSerializer, Alias("keji.ranking-entry")]
public sealed record RankingEntry
{
    [Id(0)] public required string Unit { get; init; }
    [Id(1)] public double Score { get; init; }
    [Id(2)] public int Rank { get; init; }
}
