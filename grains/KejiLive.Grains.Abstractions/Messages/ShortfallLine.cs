namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>A unit's part in a city target's shortfall: how much it is behind its expected value (its 差额) and its share
/// of the total, with the unit's own light, 较序时 and 判灯依据 (a page lists it without holding every unit's snapshot).</summary>
[GenerateSerializer, Alias("keji.shortfall")]
public sealed record ShortfallLine
{
    [Id(0)] public required string Unit { get; init; }
    [Id(1)] public double Amount { get; init; }
    [Id(2)] public double Share { get; init; }

    /// <summary>The unit's own light for this target (green, yellow, red, grey).</summary>
    [Id(3)] public string Light { get; init; } = "grey";

    /// <summary>The unit's own 较序时 (percentage points).</summary>
    [Id(4)] public double GapPoints { get; init; }

    /// <summary>The unit's 判灯依据 (one sentence), when the light has one.</summary>
    [Id(5)] public string? Explanation { get; init; }

    /// <summary>The unit is 未报送 on this target.</summary>
    [Id(6)] public bool NotReported { get; init; }

    /// <summary>The kind of <see cref="Explanation"/> (<see cref="Domain.Progress.LightBasis"/>), for a page's badge.</summary>
    [Id(7)] public string? ExplanationCode { get; init; }

    /// <summary>Ratio targets: how far the unit's own ratio is below its target, in the target's measure (0.42 for
    /// 0.79% against 1.21%); null for other kinds. <see cref="Amount"/> is then the numerator it misses at its own
    /// denominator (what orders the list and makes <see cref="Share"/>), a quantity the plan names no measure for, so a
    /// page shows this instead.</summary>
    [Id(8)] public double? RatioShort { get; init; }
}
