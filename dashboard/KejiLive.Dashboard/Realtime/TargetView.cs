using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Dashboard.Realtime;

/// <summary>A target page's full snapshot: the city roll-up with its units (a large target's first page, worst first)
/// and its open 督办 (beyond <see cref="Domain.Views.TargetPageLimits.Alerts"/>, the most severe; <see cref="AlertCount"/>
/// counts them all).</summary>
public sealed record TargetView(
    string Group,
    long Seq,
    DateTimeOffset Now,
    DateTimeOffset? DataAsOf,
    bool SampleSplit,
    string? SampleNotice,
    CitySnapshot City,
    ImmutableArray<AlertView> Alerts)
{
    /// <summary>How many 督办 of the target are open or answered in all (<see cref="Alerts"/> may list the most severe only).</summary>
    public int AlertCount { get; init; }
}
