namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>A unit's part in a city target's shortfall: how much it is behind its expected value and its share of the total.</summary>
[GenerateSerializer, Alias("keji.shortfall")]
public sealed record ShortfallLine
{
    [Id(0)] public required string Unit { get; init; }
    [Id(1)] public double Amount { get; init; }
    [Id(2)] public double Share { get; init; }
}
