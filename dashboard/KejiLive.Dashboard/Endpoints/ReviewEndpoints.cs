using System.Text.Json;
using System.Text.Json.Nodes;
using KejiLive.Dashboard.Ingest;
using KejiLive.Dashboard.OpenApi;
using KejiLive.Dashboard.Security;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>待核实: the reports the data-quality check marked as far outside their unit's history, and the city office's
/// confirmation of one (<see cref="DataQuality"/>). A confirmed figure counts for the lag alerts at once.</summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        // Confirming and the review queue are the city office's (leader, admin).
        app.MapPost("/api/targets/{target}/{unit}/reports/{reportId}/confirm", ConfirmAsync).WithName("ConfirmReport")
            .WithSummary("市科技局核实待核实的报送：{ \"note\": 核实说明（可选） }；返回该单位该目标的状态与历史")
            .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .Accepts<ReviewConfirmBody>(isOptional: true, "application/json").Produces(StatusCodes.Status200OK, contentType: "application/json")
            .RequireAuthorization(KejiAuth.Policies.Oversee);
        app.MapGet("/api/reviews", ListAsync).WithName("GetReviews")
            .WithSummary("待核实的报送（可按 unit、target 筛选），最早收到的在前").ProducesValidationProblem()
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .RequireAuthorization(KejiAuth.Policies.Oversee);
        return app;
    }

    private static async Task<IResult> ConfirmAsync(string target, string unit, string reportId, HttpContext http, PlanDocument plan, IGrainFactory grains, AuditTrail audit)
    {
        var definition = plan.FindTarget(target);
        if (definition is null) return Problems.NotFound("target", $"没有目标 {target}。");
        if (plan.FindUnit(unit) is null) return Problems.NotFound("unit", $"没有单位 {unit}。");
        if (definition.AssignmentFor(unit) is null) return Problems.NotFound("unit", $"单位 {unit} 不承担目标 {target}。");

        string? note = null;
        // The body is optional: none (no content type, or Content-Length 0) confirms without a note.
        if (http.Request.ContentLength != 0 && (http.Request.ContentType is not null || http.Request.ContentLength > 0))
        {
            var (document, failure, message) = await BodyReader.ReadAsync(http.Request, http.RequestAborted);
            using (document)
            {
                if (failure == BodyReader.Failure.TooLarge) return Problems.TooLarge(BodyReader.MaxBytes);
                if (document?.RootElement is not { ValueKind: JsonValueKind.Object } body)
                    return Problems.Invalid([new FieldError("$", message ?? "请求体须为 JSON 对象。")], "核实无效");
                if (Note(body, out note) is { } error) return Problems.Invalid([error], "核实无效");
            }
        }

        var result = await grains.GetGrain<ITargetGrain>(GrainKeys.Target(target, unit)).ConfirmReviewAsync(reportId, http.ActorName(), note);
        if (result.NotFound) return Problems.NotFound("reportId", $"单位 {unit} 的目标 {target} 没有报送 {reportId}。");
        if (result.Detail is not { } detail) return Problems.Invalid([new FieldError(result.Field ?? "reportId", result.Message ?? "")], "核实被拒绝");
        await audit.RecordAsync(http, "review.confirm", $"{target}/{unit}/{reportId}", $"note={note ?? "-"}");
        var node = ApiJson.WithSample(detail.Snapshot, plan);
        node["history"] = JsonSerializer.SerializeToNode(detail.History, ApiJson.Options);
        return Results.Json(node, ApiJson.Options);
    }

    /// <summary>Every report awaiting confirmation, oldest first. Reads each city target's roll-up (which knows how
    /// many reports of each unit await confirmation) and asks only the target × unit grains that have some.</summary>
    private static async Task<IResult> ListAsync(string? unit, string? target, PlanDocument plan, IGrainFactory grains)
    {
        var errors = new List<FieldError>();
        if (unit is not null && plan.FindUnit(unit) is null) errors.Add(new FieldError("unit", $"没有单位 {unit}。"));
        if (target is not null && plan.FindTarget(target) is null) errors.Add(new FieldError("target", $"没有目标 {target}。"));
        if (errors.Count > 0) return Problems.Invalid(errors, "查询条件无效");

        var targets = plan.Targets.Where(t => DataQuality.IsChecked(t.Kind) && (target is null || t.Id == target)).ToList();
        var cities = await Task.WhenAll(targets.Select(t => grains.GetGrain<ICityTargetGrain>(t.Id).GetPageAsync(0, int.MaxValue)));
        var waiting = cities.SelectMany(c => c.Units).Where(s => s.PendingReviews > 0 && (unit is null || s.Unit == unit)).ToList();
        var details = await Task.WhenAll(waiting.Select(s => grains.GetGrain<ITargetGrain>(GrainKeys.Target(s.Target, s.Unit)).GetDetailAsync()));

        var items = details
            .SelectMany(d => d.History.Where(h => h.PendingReview).Select(h => (d.Snapshot, Report: h)))
            .OrderBy(x => x.Report.ReceivedAt)
            .Select(x => Item(plan, x.Snapshot, x.Report));
        return Results.Json(new JsonArray([.. items]), ApiJson.Options);
    }

    private static JsonObject Item(PlanDocument plan, TargetSnapshot snapshot, ReportRecord report)
    {
        var definition = plan.FindTarget(snapshot.Target)!;
        var node = JsonSerializer.SerializeToNode(report, ApiJson.Options)!.AsObject();
        node["target"] = snapshot.Target;
        node["targetName"] = definition.Name;
        node["measure"] = definition.Measure;
        node["unit"] = snapshot.Unit;
        node["unitName"] = plan.FindUnit(snapshot.Unit)?.Name;
        node["latest"] = snapshot.PendingReview && snapshot.ReportedAsOf == report.AsOf;
        node["confirm"] = $"/api/targets/{snapshot.Target}/{snapshot.Unit}/reports/{Uri.EscapeDataString(report.ReportId)}/confirm";
        node["link"] = $"/targets/{snapshot.Target}";
        return node;
    }

    private static FieldError? Note(JsonElement body, out string? note)
    {
        note = null;
        if (!body.TryGetProperty("note", out var p) || p.ValueKind == JsonValueKind.Null) return null;
        if (p.ValueKind != JsonValueKind.String) return new FieldError("note", "note 必须是字符串。");
        note = JsonText.Read(p, "note", out var invalid);
        if (invalid is not null) return new FieldError("note", invalid);
        if (note is { Length: > ReportRules.MaxNoteLength })
            return new FieldError("note", $"核实说明不能超过 {ReportRules.MaxNoteLength} 个字符（当前 {note.Length} 个）");
        if (string.IsNullOrWhiteSpace(note)) note = null;
        return null;
    }
}
