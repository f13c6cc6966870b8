using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>One page of a 督办 query: the listed alerts, how many match the query in all, the counts beside the list, and
/// the wall ticker's figures for the query's unit (or every unit).</summary>
[GenerateSerializer, Alias("keji.alert-page")]
public sealed record AlertPage
{
    [Id(0)] public ImmutableArray<AlertView> Items { get; init; } = [];
    [Id(1)] public int Total { get; init; }
    [Id(2)] public required AlertCounts Counts { get; init; }
    [Id(3)] public required AlertTally Tally { get; init; }
}
