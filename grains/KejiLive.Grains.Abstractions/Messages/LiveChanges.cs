using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>What changed, as pushed from the grains to every web node: unit-level target states, city roll-ups, unit
/// cards, and the ranking when it moved. Each entity carries its own judging time, so a receiver keeps the newest.</summary>
[GenerateSerializer, Alias("keji.live-changes")]
public sealed record LiveChanges
{
    [Id(0)] public ImmutableArray<TargetSnapshot> Targets { get; init; } = [];
    [Id(1)] public ImmutableArray<TargetSnapshot> Cities { get; init; } = [];
    [Id(2)] public ImmutableArray<UnitCard> Units { get; init; } = [];

    /// <summary>The ranking as a wall shows it (the whole ranking up to 40 ranked units, else the leaders and the
    /// laggards), when it changed; default (not empty) when it did not.</summary>
    [Id(3)] public ImmutableArray<RankingEntry> Ranking { get; init; }

    /// <summary>Alerts (督办) that changed.</summary>
    [Id(4)] public ImmutableArray<Alerts.AlertView> Alerts { get; init; } = [];

    /// <summary>The wall's unit counts (by worst light, 未报送), when they changed; null when they did not.</summary>
    [Id(5)] public WallCounts? Counts { get; init; }

    /// <summary>Large plans only: the cards of the units a wall lists (leaders and laggards, with their places), when
    /// they changed. Such a wall gets these instead of every unit's card.</summary>
    [Id(6)] public ImmutableArray<UnitCard> WallCards { get; init; } = [];

    /// <summary>When the live feed sent these changes to the web nodes (real UTC time of the silo), for the feed's lag
    /// on /metrics; null from a sender that does not stamp.</summary>
    [Id(7)] public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>The wall ticker's figures over every live 督办 of the plan, when they changed (from the alert index);
    /// null when they did not. Of two, the larger <see cref="Alerts.AlertTally.Version"/> is the newer.</summary>
    [Id(8)] public Alerts.AlertTally? AlertTally { get; init; }
}
