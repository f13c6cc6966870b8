using System.Collections.Immutable;

namespace KejiLive.Domain.Weekly;

/// <summary>A unit's page of the pack: its targets and lights, its 赛马 place and its live 督办 alerts.</summary>
/// <param name="Overlay">An overlay (赣州高新区): shown, never counted in sums or the ranking.</param>
/// <param name="ChartName">The unit's overview chart (完成率 vs 序时进度 per target).</param>
public sealed record UnitPage(
    string UnitId,
    string Name,
    string? Office,
    bool Overlay,
    double? Score,
    int? Rank,
    ImmutableArray<UnitTargetRow> Targets,
    ImmutableArray<PackAlert> OpenAlerts,
    string ChartName)
{
    /// <summary>The printed pack carries this page (every page unless the pack is condensed, <see cref="PackScope"/>); the
    /// workbook carries every unit's rows either way.</summary>
    public bool Printed { get; init; } = true;
}
