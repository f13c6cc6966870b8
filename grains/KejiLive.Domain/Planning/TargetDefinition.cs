using System.Collections.Immutable;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Planning;

/// <summary>One target of the plan, with its split over units.</summary>
/// <param name="Id">Stable id used in URLs and grain keys, e.g. <c>hi-tech-enterprises</c>.</param>
/// <param name="Name">Chinese name as the plan writes it.</param>
/// <param name="Group">main (主要目标) | platform (平台与载体) | measure (重点举措).</param>
/// <param name="Section">Where the plan text says it, e.g. 二(三).</param>
/// <param name="Measure">Unit of measure as officials write it: 家, 个, 亿元, %, 名, 项.</param>
/// <param name="CityTarget">The city's annual target (counts: sum of the split; growth: derived; ratio: the city ratio).</param>
/// <param name="Stretch">Range targets: the stretch goal above the floor.</param>
/// <param name="Growth">Growth targets: required growth over last year as a fraction (0.08 = 8%).</param>
/// <param name="RatioScale">Ratio targets: numerator / denominator × scale (100 for percent).</param>
/// <param name="Department">The city department responsible (责任单位 at city level).</param>
/// <param name="Leader">The leader in charge (分管领导), who receives escalations.</param>
/// <param name="Milestones">Milestone targets: the dated steps, in due order.</param>
/// <param name="Assignments">Who holds the target: the split over units, or the single owner.</param>
public sealed record TargetDefinition(
    string Id,
    string Name,
    string Group,
    string Section,
    string Measure,
    TargetKind Kind,
    double CityTarget,
    double? Stretch,
    double? Growth,
    double RatioScale,
    string Department,
    string Leader,
    ReportingCycle ReportingCycle,
    CurveDefinition Curve,
    Thresholds Thresholds,
    ImmutableArray<Milestone> Milestones,
    ImmutableArray<Assignment> Assignments,
    string? Note)
{
    /// <summary>Alert settings of this target: the plan's <c>alerts</c> block with the target's own <c>alerts</c> merged
    /// over it (<see cref="AlertSettings.Default"/> when neither is given).</summary>
    public AlertSettings Alerts { get; init; } = AlertSettings.Default;

    /// <summary>When a report is 待核实 (far outside the unit's history): the plan's <c>dataQuality</c> block with the
    /// target's own merged over it (<see cref="DataQualitySettings.Default"/> when neither is given).</summary>
    public DataQualitySettings DataQuality { get; init; } = DataQualitySettings.Default;

    /// <summary>True when reported values are cumulative through the year and may only go down by correction.</summary>
    public bool IsCumulative => Kind is TargetKind.Count or TargetKind.Growth or TargetKind.Range or TargetKind.Milestone;

    /// <summary>The assignment of <paramref name="unitId"/>, or null when the unit holds no share of this target.</summary>
    public Assignment? AssignmentFor(string unitId) => unitId is null ? null : PlanIndex.Of(this).GetValueOrDefault(unitId);
}
