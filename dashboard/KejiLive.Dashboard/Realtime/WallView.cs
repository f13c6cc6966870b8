using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Dashboard.Realtime;

/// <summary>The wall's full snapshot: every city target, the units as a wall shows them, the ranking, open alerts.
/// With few units (<see cref="AllUnits"/>) every unit's card and the whole ranking; beyond, the leaders and the laggards
/// (cards and ranking lines) with <see cref="Counts"/>, and the newest open 督办 with <see cref="AlertCount"/>.</summary>
public sealed record WallView(
    string Group,
    long Seq,
    DateTimeOffset Now,
    DateTimeOffset? DataAsOf,
    bool SampleSplit,
    string? SampleNotice,
    ImmutableArray<TargetSnapshot> Cities,
    ImmutableArray<UnitCard> Units,
    ImmutableArray<RankingEntry> Ranking,
    string RankingRule,
    ImmutableArray<AlertView> Alerts)
{
    /// <summary>True when <see cref="Units"/> and <see cref="Ranking"/> list every unit; false when they list the
    /// leaders and the laggards only.</summary>
    public bool AllUnits { get; init; } = true;

    /// <summary>The ranked units counted by worst light and 未报送.</summary>
    public WallCounts? Counts { get; init; }

    /// <summary>Open and acknowledged 督办 in all (<see cref="Alerts"/> may list only the newest).</summary>
    public int AlertCount { get; init; }

    /// <summary>The ticker's figures (未办结, 待答复, 已答复, the units with most, the oldest unanswered) over every live
    /// 督办 of the watcher's scope: the plan, or a unit user's unit (<see cref="AlertTally.Unit"/>).</summary>
    public AlertTally? AlertTally { get; init; }
}
