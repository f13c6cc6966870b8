namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>The ranked units counted by worst light and 未报送, as a wall shows them beside the leaders and laggards.
/// A unit that has not sent its card yet counts as grey.</summary>
[GenerateSerializer, Alias("keji.wall-counts")]
public sealed record WallCounts
{
    /// <summary>Ranked units in the plan (counties and zones).</summary>
    [Id(0)] public int Units { get; init; }

    /// <summary>Units holding a place in the ranking (they have a score).</summary>
    [Id(1)] public int RankedUnits { get; init; }
    [Id(2)] public int Green { get; init; }
    [Id(3)] public int Yellow { get; init; }
    [Id(4)] public int Red { get; init; }
    [Id(5)] public int Grey { get; init; }

    /// <summary>Units with at least one target 未报送.</summary>
    [Id(6)] public int NotReportedUnits { get; init; }
}
