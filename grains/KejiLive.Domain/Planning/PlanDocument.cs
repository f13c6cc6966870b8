using System.Collections.Immutable;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Planning;

/// <summary>A year's plan: its units and targets. Loaded and validated by <see cref="PlanLoader"/>.</summary>
/// <param name="SampleSplit">True while the split over units is a sample (示例分解), to be labelled wherever shown.</param>
/// <param name="GraceDays">Days after a figure's release date (<see cref="Progress.ReleaseCalendar"/>) before a unit without it counts as 未报送.</param>
public sealed record PlanDocument(
    string Id,
    int Year,
    string City,
    string Title,
    string Source,
    bool SampleSplit,
    int GraceDays,
    ImmutableArray<ReportingUnit> Units,
    ImmutableArray<TargetDefinition> Targets)
{
    /// <summary>The plan's alert settings (top-level <c>alerts</c> over <see cref="AlertSettings.Default"/>): the
    /// defaults of every target, and the settings of unit-level alerts (未报送).</summary>
    public AlertSettings Alerts { get; init; } = AlertSettings.Default;

    /// <summary>The plan's data-quality settings (top-level <c>dataQuality</c> over <see cref="DataQualitySettings.Default"/>):
    /// the defaults of every target.</summary>
    public DataQualitySettings DataQuality { get; init; } = DataQualitySettings.Default;

    /// <summary>Who hears of 督办 (the optional <c>routes</c> block): contact point ids per unit, for leaders, for the city office.</summary>
    public PlanRoutes Routes { get; init; } = PlanRoutes.None;

    public TargetDefinition? FindTarget(string id) => id is null ? null : PlanIndex.Of(this).Targets.GetValueOrDefault(id);

    public ReportingUnit? FindUnit(string id) => id is null ? null : PlanIndex.Of(this).Units.GetValueOrDefault(id);
}
