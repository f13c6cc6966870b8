using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Dashboard.Realtime;

/// <summary>One message to a group: the entities that changed since the group's previous message (<see cref="Seq"/> − 1).</summary>
/// <param name="Ranking">The ranking as the wall shows it (all of it up to 40 ranked units, else leaders and laggards)
/// when it changed, else null.</param>
/// <param name="DataAsOf">Arrival time of the newest report among these changes (数据截至), or null.</param>
/// <param name="Alerts">督办 that changed (newest history of each).</param>
public sealed record LiveUpdate(
    string Group,
    long Seq,
    ImmutableArray<TargetSnapshot> Cities,
    ImmutableArray<TargetSnapshot> Targets,
    ImmutableArray<UnitCard> Units,
    ImmutableArray<RankingEntry>? Ranking,
    DateTimeOffset? DataAsOf,
    ImmutableArray<AlertView> Alerts)
{
    /// <summary>The wall's unit counts when they changed, else null.</summary>
    public WallCounts? Counts { get; init; }

    /// <summary>The wall ticker's plan-wide figures when they changed, else null (never sent to unit users, whose wall
    /// lists all of their unit's 督办).</summary>
    public AlertTally? AlertTally { get; init; }
}
