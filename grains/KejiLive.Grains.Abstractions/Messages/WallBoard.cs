using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>The units part of a wall, read from the ranking grain's maintained view: the counts, the ranking as a wall
/// shows it (all of it up to 40 ranked units, else the leaders and laggards) and the cards of the units listed.</summary>
[GenerateSerializer, Alias("keji.wall-board")]
public sealed record WallBoard
{
    [Id(0)] public required WallCounts Counts { get; init; }

    /// <summary>Best first; when not every unit is listed, the leaders then the laggards.</summary>
    [Id(1)] public ImmutableArray<RankingEntry> Ranking { get; init; } = [];

    /// <summary>The cards of the units in <see cref="Ranking"/> (with their places).</summary>
    [Id(2)] public ImmutableArray<UnitCard> Cards { get; init; } = [];

    /// <summary>True when <see cref="Ranking"/> lists every ranked unit.</summary>
    [Id(3)] public bool Complete { get; init; }
}
