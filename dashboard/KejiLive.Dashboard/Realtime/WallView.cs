using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Dashboard.Realtime;

/// <summary>The wall's full snapshot: every city target, every unit's card, the ranking, open alerts.</summary>
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
    ImmutableArray<AlertView> Alerts);
