using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>The plan as <c>GET /api/plan</c> shows it: targets with their curve, thresholds and split, and the units.</summary>
public sealed record PlanView(
    string Id,
    int Year,
    string City,
    string Title,
    string Source,
    bool SampleSplit,
    string? SampleNotice,
    int GraceDays,
    ImmutableArray<ReportingUnit> Units,
    ImmutableArray<PlanTargetView> Targets)
{
    public static PlanView From(PlanDocument plan) => new(
        plan.Id, plan.Year, plan.City, plan.Title, plan.Source, plan.SampleSplit,
        plan.SampleSplit ? ApiJson.SampleNotice : null, plan.GraceDays, plan.Units,
        [.. plan.Targets.Select(PlanTargetView.From)]);
}
