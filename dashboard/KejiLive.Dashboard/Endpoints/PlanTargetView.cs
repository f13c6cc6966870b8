using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>One target in <c>GET /api/plan</c>. <see cref="Split"/> lists every unit's share (a sample while the plan says so).</summary>
public sealed record PlanTargetView(
    string Id,
    string Name,
    string Group,
    string Section,
    string Measure,
    TargetKind Kind,
    double CityTarget,
    double? Stretch,
    double? Growth,
    string Department,
    string Leader,
    ReportingCycle ReportingCycle,
    CurveDefinition Curve,
    Thresholds Thresholds,
    ImmutableArray<Milestone> Milestones,
    ImmutableArray<SplitView> Split,
    string? Note)
{
    public static PlanTargetView From(TargetDefinition t) => new(
        t.Id, t.Name, t.Group, t.Section, t.Measure, t.Kind, t.CityTarget, t.Stretch, t.Growth, t.Department, t.Leader,
        t.ReportingCycle, t.Curve, t.Thresholds, t.Milestones,
        [.. t.Assignments.Select(a => new SplitView(a.UnitId, a.Target, a.Office, a.BaselineTotal))], t.Note);
}
