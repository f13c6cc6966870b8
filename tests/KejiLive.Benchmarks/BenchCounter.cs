namespace KejiLive.Benchmarks;

/// <summary>State of <see cref="BenchCounterGrain"/>.</summary>
[GenerateSerializer, Alias("keji.bench-counter")]
public sealed record BenchCounter
{
    [Id(0)] public long Value { get; init; }
}
