using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>A city target rolled up from its units, with the per-unit breakdown (overlays listed, never summed) and the
/// units that account for the shortfall, largest first (bounded like the units; <see cref="ShortfallCount"/> is the total).</summary>
[GenerateSerializer, Alias("keji.city-snapshot")]
public sealed record CitySnapshot
{
    [Id(0)] public required TargetSnapshot City { get; init; }
    [Id(1)] public ImmutableArray<TargetSnapshot> Units { get; init; } = [];
    [Id(2)] public ImmutableArray<ShortfallLine> Shortfalls { get; init; } = [];
    [Id(3)] public int UnitsReporting { get; init; }
    [Id(4)] public int UnitsNotReported { get; init; }

    /// <summary>How many units the breakdown has in all; <see cref="Units"/> may hold one page of them.</summary>
    [Id(5)] public int UnitCount { get; init; }

    /// <summary>The position (0-based, assignment order) of the first unit in <see cref="Units"/>.</summary>
    [Id(6)] public int Offset { get; init; }

    /// <summary>A statistics release late for most units (one notice instead of a 未报送 per unit); null when none.</summary>
    [Id(7)] public LateReleaseNotice? LateRelease { get; init; }

    /// <summary>How many units are behind (差额 &gt; 0) in all; <see cref="Shortfalls"/> may hold the largest of them only.</summary>
    [Id(8)] public int ShortfallCount { get; init; }

    /// <summary>The order of <see cref="Units"/>: "plan" (assignment order) or "worst" (red first, then 未报送, then the
    /// lowest 较序时).</summary>
    [Id(9)] public string Order { get; init; } = "plan";
}
