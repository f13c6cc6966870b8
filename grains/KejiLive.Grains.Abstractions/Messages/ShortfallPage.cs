using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>One page of a city target's shortfall (拖后腿单位), largest first, with the total and the reporting counts.</summary>
[GenerateSerializer, Alias("keji.shortfall-page")]
public sealed record ShortfallPage
{
    [Id(0)] public required string Target { get; init; }

    /// <summary>How many units are behind in all.</summary>
    [Id(1)] public int ShortfallCount { get; init; }

    /// <summary>The position (0-based) of the first line.</summary>
    [Id(2)] public int Offset { get; init; }

    [Id(3)] public ImmutableArray<ShortfallLine> Shortfalls { get; init; } = [];
    [Id(4)] public int UnitsReporting { get; init; }
    [Id(5)] public int UnitsNotReported { get; init; }
}
