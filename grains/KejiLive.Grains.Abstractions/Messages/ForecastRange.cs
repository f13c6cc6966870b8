namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>Year-end forecast in the target's measure: Low ≤ Value ≤ High.</summary>
[GenerateSerializer, Immutable, Alias("keji.forecast")]
public sealed record ForecastRange
{
    [Id(0)] public double Value { get; init; }
    [Id(1)] public double Low { get; init; }
    [Id(2)] public double High { get; init; }
}
