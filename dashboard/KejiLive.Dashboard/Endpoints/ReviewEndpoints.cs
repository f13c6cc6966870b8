using System.Collections.Immutable;
using System.Globalization;
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
/// decision on one (<see cref="DataQuality"/>): confirm (确认) or send back (退回, with a reason). A confirmed figure counts
/// for the lag alerts at once; a figure sent back stops counting at once.</summary>
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
        app.MapPost("/api/targets/{target}/{unit}/reports/{reportId}/reject", RejectAsync).WithName("RejectReport")
            .WithSummary("市科技局退回待核实的报送：{ \"reason\": 退回原因（必填） }；该报送保留在历史中标为已退回，不再计入；返回该单位该目标的状态与历史")
            .ProducesValidationProblem().ProducesProblem(404)
            .Accepts<ReviewRejectBody>("application/json").Produces(StatusCodes.Status200OK, contentType: "application/json")
            .RequireAuthorization(KejiAuth.Policies.Oversee);
        app.MapGet("/api/reviews", ListAsync).WithName("GetReviews")
            .WithSummary("待核实的报送（可按 unit、target 筛选，可分页），最早收到的在前")
            .WithDescription("查询参数均可选：unit、target、offset（从0起）、limit（1–" + MaxPageSize + "；不带时列出全部）。响应头 "
                + PageQuery.TotalCountHeader + " 为符合筛选条件的待核实报送总数。").ProducesValidationProblem()
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .RequireAuthorization(KejiAuth.Policies.Oversee);
        return app;
    }

    private static async Task<IResult> ConfirmAsync(string target, string unit, string reportId, HttpContext http, PlanDocument plan, IGrainFactory grains, AuditTrail audit)
    {
        if (UnknownPair(plan, target, unit) is { } unknown) return unknown;

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
                if (Note(body, "note", "核实说明", out note) is { } error) return Problems.Invalid([error], "核实无效");
            }
        }

        var result = await grains.GetGrain<ITargetGrain>(GrainKeys.Target(target, unit)).ConfirmReviewAsync(reportId, http.ActorName(), note);
        if (result.NotFound) return Problems.NotFound("reportId", $"单位 {unit} 的目标 {target} 没有报送 {reportId}。");
        if (result.Detail is not { } detail) return Problems.Invalid([new FieldError(result.Field ?? "reportId", result.Message ?? "")], "核实被拒绝");
        await audit.RecordAsync(http, "review.confirm", $"{target}/{unit}/{reportId}", $"note={note ?? "-"}");
        return DetailJson(detail, plan);
    }

    /// <summary>退回: the reason is required; the report stays in the history, marked 已退回, and stops counting at once.</summary>
    private static async Task<IResult> RejectAsync(string target, string unit, string reportId, HttpContext http, PlanDocument plan, IGrainFactory grains, AuditTrail audit)
    {
        if (UnknownPair(plan, target, unit) is { } unknown) return unknown;
        var (document, failure, message) = await BodyReader.ReadAsync(http.Request, http.RequestAborted);
        string? reason;
        using (document)
        {
            if (failure == BodyReader.Failure.TooLarge) return Problems.TooLarge(BodyReader.MaxBytes);
            if (document?.RootElement is not { ValueKind: JsonValueKind.Object } body)
                return Problems.Invalid([new FieldError("$", message ?? "请求体须为 JSON 对象，例如 { \"reason\": \"与统计台账不符，请核对后重报\" }。")], "退回无效");
            if (Note(body, "reason", "退回原因", out reason) is { } error) return Problems.Invalid([error], "退回无效");
        }
        if (reason is null) return Problems.Invalid([new FieldError("reason", "请填写退回原因。")], "退回无效");

        var result = await grains.GetGrain<ITargetGrain>(GrainKeys.Target(target, unit)).RejectReviewAsync(reportId, http.ActorName(), reason);
        if (result.NotFound) return Problems.NotFound("reportId", $"单位 {unit} 的目标 {target} 没有报送 {reportId}。");
        if (result.Detail is not { } detail) return Problems.Invalid([new FieldError(result.Field ?? "reportId", result.Message ?? "")], "退回被拒绝");
        await audit.RecordAsync(http, "review.reject", $"{target}/{unit}/{reportId}", $"reason={reason}");
        return DetailJson(detail, plan);
    }

    private static IResult? UnknownPair(PlanDocument plan, string target, string unit)
    {
        var definition = plan.FindTarget(target);
        if (definition is null) return Problems.NotFound("target", $"没有目标 {target}。");
        if (plan.FindUnit(unit) is null) return Problems.NotFound("unit", $"没有单位 {unit}。");
        if (definition.AssignmentFor(unit) is null) return Problems.NotFound("unit", $"单位 {unit} 不承担目标 {target}。");
        return null;
    }

    private static IResult DetailJson(TargetDetail detail, PlanDocument plan)
    {
        var node = ApiJson.WithSample(detail.Snapshot, plan);
        node["history"] = JsonSerializer.SerializeToNode(detail.History, ApiJson.Options);
        return Results.Json(node, ApiJson.Options);
    }

    /// <summary>The largest page <c>GET /api/reviews</c> answers with when asked for one (without <c>limit</c>: all).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Every report awaiting confirmation, oldest first, or the page <paramref name="offset"/>/<paramref name="limit"/>
    /// of them (the paging of <c>GET /api/alerts</c>: the total in <see cref="PageQuery.TotalCountHeader"/>). Reads each
    /// city target's roll-up (which knows how many reports of each unit await confirmation) and asks only the target × unit
    /// grains that have some; only the rows of the page are written out.</summary>
    private static async Task<IResult> ListAsync(string? unit, string? target, string? offset, string? limit, HttpContext http, PlanDocument plan, IGrainFactory grains)
    {
        var errors = new List<FieldError>();
        if (unit is not null && plan.FindUnit(unit) is null) errors.Add(new FieldError("unit", $"没有单位 {unit}。"));
        if (target is not null && plan.FindTarget(target) is null) errors.Add(new FieldError("target", $"没有目标 {target}。"));
        var (from, take) = PageQuery.Read(offset, limit, MaxPageSize, errors);
        if (errors.Count > 0) return Problems.Invalid(errors, "查询条件无效");

        var targets = plan.Targets.Where(t => DataQuality.IsChecked(t.Kind) && (target is null || t.Id == target)).ToList();
        var cities = await Task.WhenAll(targets.Select(t => grains.GetGrain<ICityTargetGrain>(t.Id).GetPageAsync(0, int.MaxValue)));
        var waiting = cities.SelectMany(c => c.Units).Where(s => s.PendingReviews > 0 && (unit is null || s.Unit == unit)).ToList();
        var details = await Task.WhenAll(waiting.Select(s => grains.GetGrain<ITargetGrain>(GrainKeys.Target(s.Target, s.Unit)).GetDetailAsync()));

        var marked = details
            .SelectMany(d => d.History.Where(h => h.PendingReview).Select(h => (d.Snapshot, Report: h, d.History)))
            .OrderBy(x => x.Report.ReceivedAt)
            .ToList();
        http.Response.Headers[PageQuery.TotalCountHeader] = marked.Count.ToString(CultureInfo.InvariantCulture);
        var items = marked.Skip(from).Take(take ?? int.MaxValue).Select(x => Item(plan, x.Snapshot, x.Report, Previous(x.History, x.Report)));
        return Results.Json(new JsonArray([.. items]), ApiJson.Options);
    }

    /// <summary>The figure a marked report is compared with: the newest trusted (not awaiting review, not sent back)
    /// report dated before it, the last received for its date; null for none.</summary>
    private static ReportRecord? Previous(ImmutableArray<ReportRecord> history, ReportRecord report) =>
        history.Where(h => !h.PendingReview && !h.Rejected && h.AsOf < report.AsOf)
            .OrderBy(h => h.AsOf).ThenBy(h => h.ReceivedAt).LastOrDefault();

    private static JsonObject Item(PlanDocument plan, TargetSnapshot snapshot, ReportRecord report, ReportRecord? previous)
    {
        var definition = plan.FindTarget(snapshot.Target)!;
        var node = JsonSerializer.SerializeToNode(report, ApiJson.Options)!.AsObject();
        node["target"] = snapshot.Target;
        node["targetName"] = definition.Name;
        node["measure"] = definition.Measure;
        node["unit"] = snapshot.Unit;
        node["unitName"] = plan.FindUnit(snapshot.Unit)?.Name;
        node["latest"] = snapshot.PendingReview && snapshot.ReportedAsOf == report.AsOf;
        node["previousValue"] = previous?.Value;
        node["previousAsOf"] = previous?.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        node["change"] = report.Value - (previous?.Value ?? 0);
        node["light"] = snapshot.Light;
        node["confirm"] = $"/api/targets/{snapshot.Target}/{snapshot.Unit}/reports/{Uri.EscapeDataString(report.ReportId)}/confirm";
        node["reject"] = $"/api/targets/{snapshot.Target}/{snapshot.Unit}/reports/{Uri.EscapeDataString(report.ReportId)}/reject";
        node["link"] = $"/targets/{snapshot.Target}";
        return node;
    }

    private static FieldError? Note(JsonElement body, string name, string label, out string? note)
    {
        note = null;
        if (!body.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null) return null;
        if (p.ValueKind != JsonValueKind.String) return new FieldError(name, $"{name} 必须是字符串。");
        note = JsonText.Read(p, name, out var invalid);
        if (invalid is not null) return new FieldError(name, invalid);
        if (note is { Length: > ReportRules.MaxNoteLength })
            return new FieldError(name, $"{label}不能超过 {ReportRules.MaxNoteLength} 个字符（当前 {note.Length} 个）");
        if (string.IsNullOrWhiteSpace(note)) note = null;
        return null;
    }
}
