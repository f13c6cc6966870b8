using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Dashboard.Realtime;

/// <summary>A unit page's full snapshot: its scorecard and open alerts.</summary>
public sealed record UnitView(
    string Group,
    long Seq,
    DateTimeOffset Now,
    DateTimeOffset? DataAsOf,
    bool SampleSplit,
    string? SampleNotice,
    UnitScorecard Scorecard,
    ImmutableArray<AlertView> Alerts);
