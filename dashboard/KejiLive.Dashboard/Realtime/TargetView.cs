using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Dashboard.Realtime;

/// <summary>A target page's full snapshot: the city roll-up with its units and open alerts.</summary>
public sealed record TargetView(
    string Group,
    long Seq,
    DateTimeOffset Now,
    DateTimeOffset? DataAsOf,
    bool SampleSplit,
    string? SampleNotice,
    CitySnapshot City,
    ImmutableArray<AlertView> Alerts);
