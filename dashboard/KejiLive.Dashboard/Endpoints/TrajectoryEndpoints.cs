using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KejiLive.Dashboard.Endpoints;

/// <summary><c>GET /api/targets/{target}/trajectory?unit=</c>: the plan curve with its tolerance band for every day, the
/// reported values as a step line, and the year-end forecast — for one unit, or the city (units summed, overlays not).</summary>
public static class TrajectoryEndpoints
{
    public static IEndpointRouteBuilder MapTrajectoryEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/targets/{target}/trajectory", GetAsync)
            .WithName("GetTrajectory").WithSummary("计划曲线、容差带、实际值与年底预测（单位或全市）").ProducesProblem(404)
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        return app;
    }

    private static async Task<IResult> GetAsync(string target, string? unit, PlanDocument plan, IGrainFactory grains)
    {
        var definition = plan.FindTarget(target);
        if (definition is null) return Problems.NotFound("target", $"没有目标 {target}；目标列表见 GET /api/plan。");
        var assignments = unit is null
            ? definition.Assignments.Where(a => plan.FindUnit(a.UnitId)?.Kind != UnitKind.Overlay).ToList()
            : definition.AssignmentFor(unit) is { } one ? [one] : null;
        if (assignments is null) return Problems.NotFound("unit", $"单位 {unit} 不承担目标 {target}。");

        var details = await Task.WhenAll(assignments.Select(a =>
            grains.GetGrain<ITargetGrain>(GrainKeys.Target(target, a.UnitId)).GetDetailAsync()));
        var series = details.Select(d => ReportSeries.Effective([.. d.History.Select(h => h.ToEntry())])).ToList();
        var state = unit is null
            ? await grains.GetGrain<ICityTargetGrain>(target).GetCityAsync()
            : details[0].Snapshot;

        return Results.Json(new
        {
            target,
            unit = unit ?? "city",
            annualTarget = state.AnnualTarget,
            points = Trajectory.Build(plan, definition, assignments),
            actual = Steps(definition, series),
            forecast = state.Forecast,
            light = state.Light,
        }, ApiJson.Options);
    }

    /// <summary>The reported values over time: for one unit its effective series; for several, at each date the sum of
    /// every unit's latest value by then (ratios: the summed numerators over summed denominators).</summary>
    private static List<object> Steps(TargetDefinition target, List<System.Collections.Immutable.ImmutableArray<ReportEntry>> series)
    {
        var dates = series.SelectMany(s => s.Select(e => e.AsOf)).Distinct().Order().ToList();
        var result = new List<object>(dates.Count);
        foreach (var date in dates)
        {
            var latest = series.Select(s => s.LastOrDefault(e => e.AsOf <= date)).Where(e => e is not null).Select(e => e!).ToList();
            double value;
            if (target.Kind == TargetKind.Ratio && series.Count > 1)
            {
                var withParts = latest.Where(e => e.Numerator is not null && e.Denominator is > 0).ToList();
                var denominator = withParts.Sum(e => e.Denominator!.Value);
                value = denominator > 0 ? withParts.Sum(e => e.Numerator!.Value) / denominator * target.RatioScale : 0;
            }
            else
            {
                value = latest.Sum(e => e.Value);
            }
            result.Add(new { date, value });
        }
        return result;
    }
}
