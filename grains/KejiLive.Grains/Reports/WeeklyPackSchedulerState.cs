using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Reports;

namespace KejiLive.Grains.Reports;

/// <summary>Persisted state of the pack scheduler: the newest version of every pack made, by week.</summary>
[GenerateSerializer, Alias("keji.pack-scheduler-state")]
public sealed record WeeklyPackSchedulerState
{
    [Id(0)] public ImmutableArray<PackSummary> Packs { get; init; } = [];
}
