using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using KejiLive.Dashboard.Ingest;
using KejiLive.Dashboard.OpenApi;
using KejiLive.Dashboard.Security;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Security;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>督办: list, acknowledge (the unit's remedy and promised date), close (销号), reopen, and silences.</summary>
public static class AlertEndpoints
{
    /// <summary>Longest text field (note, reason, token) any of these endpoints accepts.</summary>
    public const int MaxText = 2000;

    /// <summary>The response header that carries how many 督办 match a list query in all.</summary>
    public const string TotalCountHeader = PageQuery.TotalCountHeader;

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/alerts", ListAsync).WithName("GetAlerts")
            .WithSummary("督办列表（可按单位、目标、状态、严重程度筛选，可分页；单位用户只能看到本单位的督办）")
            .WithDescription("查询参数均可选：unit、target、state（open | acknowledged | resolved | closed | live，live 为待答复与已答复）、"
                + "severity（yellow | orange | red）、order（changed：最近变化在前，默认；urgent：未办结在前，再按红、橙、黄，再按发起早者在前）、"
                + "offset（从0起）、limit（1–" + AlertListQuery.MaxPageSize + "；不带时列出全部）。响应头 " + TotalCountHeader + " 为符合筛选条件的督办总数。")
            .ProducesValidationProblem().ProducesProblem(403)
            .Produces<AlertView[]>();
        app.MapGet("/api/alerts/summary", SummaryAsync).WithName("GetAlertSummary")
            .WithSummary("督办计数：符合筛选条件的总数、按状态与严重程度的计数，及大屏督办栏的汇总（未办结、待答复、已答复、最多的单位、最久待答复）")
            .WithDescription("参数同 GET /api/alerts（分页与排序参数不影响计数）。counts 中按状态的计数只按单位与目标筛选；按严重程度的计数按全部筛选条件；"
                + "tally 覆盖所筛单位（或全部单位）的全部未办结督办。带 limit 时另附 offset 与 items：按 order、offset、limit 取出的那一页督办"
                + "（与 GET /api/alerts 同一请求所得相同），一页台账只需一次请求；不带 limit 时不含这两项。")
            .ProducesValidationProblem().ProducesProblem(403)
            .Produces<AlertSummaryView>();
        app.MapPost("/api/alerts/{id}/ack", AckAsync).WithName("AcknowledgeAlert")
            .WithSummary("单位答复督办：{ \"note\": 整改措施, \"promisedBy\": \"yyyy-MM-dd\" }").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(403)
            .Accepts<AlertAnswerBody>("application/json").Produces<AlertView>()
            .RequireAuthorization(KejiAuth.Policies.Write);
        app.MapPost("/api/alerts/{id}/close", CloseAsync).WithName("CloseAlert")
            .WithSummary("市科技局销号：{ \"note\": 说明（未回到序时的须说明） }").ProducesValidationProblem().ProducesProblem(404)
            .Accepts<AlertCloseBody>(isOptional: true, "application/json").Produces<AlertView>()
            .RequireAuthorization(KejiAuth.Policies.Oversee);
        app.MapPost("/api/alerts/{id}/reopen", ReopenAsync).WithName("ReopenAlert")
            .WithSummary("市科技局（管理员）重新打开已销号的督办：{ \"reason\": 理由 }").ProducesValidationProblem().ProducesProblem(404).ProducesProblem(403)
            .Accepts<AlertReopenBody>("application/json").Produces<AlertView>()
            .RequireAuthorization(KejiAuth.Policies.Admin);
        app.MapGet("/api/silences", async (PlanDocument plan, IGrainFactory grains) =>
            Results.Json(await grains.GetGrain<ISilenceGrain>(GrainKeys.Plan(plan.Id)).ListAsync(), ApiJson.Options)).WithName("GetSilences")
            .WithSummary("静默列表").Produces<SilenceView[]>()
            .RequireAuthorization(KejiAuth.Policies.Oversee);
        app.MapPost("/api/silences", AddSilenceAsync).WithName("AddSilence")
            .WithSummary("静默：{ reason, from, until, unit?, target? }，期间的通知延后发送，不会丢失").ProducesValidationProblem()
            .Accepts<SilenceBody>("application/json").Produces<SilenceView>(StatusCodes.Status201Created)
            .RequireAuthorization(KejiAuth.Policies.Admin);
        app.MapDelete("/api/silences/{id}", RemoveSilenceAsync).WithName("RemoveSilence").ProducesProblem(404)
            .WithSummary("删除静默").Produces(StatusCodes.Status204NoContent)
            .RequireAuthorization(KejiAuth.Policies.Admin);
        return app;
    }

    private static async Task<IResult> ListAsync(string? unit, string? target, string? state, string? severity, string? order, string? offset, string? limit,
        HttpContext http, PlanDocument plan, IGrainFactory grains)
    {
        var text = new AlertQueryText(unit, target, state, severity, order, offset, limit);
        if (AlertListQuery.TryRead(text, http, plan, out var query, out var none) is { } refused) return refused;
        if (none)
        {
            http.Response.Headers[TotalCountHeader] = "0";
            return Results.Json(new JsonArray(), ApiJson.Options);
        }
        var page = await grains.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(plan.Id)).PageAsync(query);
        http.Response.Headers[TotalCountHeader] = page.Total.ToString(CultureInfo.InvariantCulture);
        return Results.Json(new JsonArray([.. page.Items.Select(WithLink)]), ApiJson.Options);
    }

    private static async Task<IResult> SummaryAsync(string? unit, string? target, string? state, string? severity, string? order, string? offset,
        string? limit, HttpContext http, PlanDocument plan, IGrainFactory grains)
    {
        var text = new AlertQueryText(unit, target, state, severity, order, offset, limit);
        if (AlertListQuery.TryRead(text, http, plan, out var query, out var none) is { } refused) return refused;
        // Without limit only the counts are asked for: no item is copied out of the index.
        var paged = query.Limit is not null;
        var page = none
            ? new AlertPage { Counts = new AlertCounts(), Tally = new AlertTally { Unit = "" } }
            : await grains.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(plan.Id)).PageAsync(paged ? query : query with { Offset = 0, Limit = 0 });
        var view = new AlertSummaryView(page.Total, page.Counts, page.Tally);
        if (!paged) return Results.Json(view, ApiJson.Options);
        var node = JsonSerializer.SerializeToNode(view with { Offset = query.Offset }, ApiJson.Options)!.AsObject();
        node["items"] = new JsonArray([.. page.Items.Select(WithLink)]);
        return Results.Json(node, ApiJson.Options);
    }

    private static async Task<IResult> AckAsync(string id, HttpContext http, PlanDocument plan, IGrainFactory grains, AuditTrail audit)
    {
        // A unit answers its own 督办 only; the alert's unit is part of its id.
        var parts = id.Split('.');
        if (parts.Length == 4 && !http.User.May(Operation.Acknowledge, parts[1]))
        {
            return Problems.Forbidden("id", $"只能答复本单位的督办；该督办属于{UnitText.Of(plan, parts[1])}。");
        }
        if (await ReadObjectAsync(http) is not { } body) return Problems.Invalid([new FieldError("$", "请求体须为 JSON 对象。")]);
        var errors = new List<FieldError>();
        var note = Text(body, "note", errors, required: true);
        DateOnly promisedBy = default;
        if (Text(body, "promisedBy", errors, required: true) is { } date && !DateInput.TryReadIso(date, "promisedBy", out promisedBy, out var problem))
        {
            errors.Add(new FieldError("promisedBy", problem!));
        }
        if (errors.Count > 0) return Problems.Invalid(errors, "答复无效");
        if (Grain(id, plan, grains) is not { } grain) return Problems.NotFound("id", $"没有督办 {id}。");
        var result = await grain.AcknowledgeAsync(id, http.ActorName(), note!, promisedBy);
        if (result.Alert is not null) await audit.RecordAsync(http, "ack", id, $"promisedBy={promisedBy:yyyy-MM-dd}; note={note}");
        return await AnswerAsync(result, id, plan, grains);
    }

    private static async Task<IResult> CloseAsync(string id, HttpContext http, PlanDocument plan, IGrainFactory grains, AuditTrail audit)
    {
        // The body is optional (a close without a note); but a body that is there must be a JSON object, or a garbled
        // request would close a 督办 as if it said nothing.
        var hasBody = http.Request.ContentLength is > 0 || (http.Request.ContentLength is null && http.Request.Headers.TransferEncoding.Count > 0);
        var body = await ReadObjectAsync(http);
        if (hasBody && body is null) return Problems.Invalid([new FieldError("$", "请求体须为 JSON 对象，例如 { \"note\": \"已回到序时\" }；不带说明时请不要发送请求体。")], "销号无效");
        var errors = new List<FieldError>();
        var note = body is { } b ? Text(b, "note", errors, required: false) : null;
        if (errors.Count > 0) return Problems.Invalid(errors, "销号无效");
        if (Grain(id, plan, grains) is not { } grain) return Problems.NotFound("id", $"没有督办 {id}。");
        var result = await grain.CloseAsync(id, http.ActorName(), note);
        if (result.Alert is not null) await audit.RecordAsync(http, "close", id, $"note={note}");
        return await AnswerAsync(result, id, plan, grains);
    }

    private static async Task<IResult> ReopenAsync(string id, HttpContext http, PlanDocument plan, IGrainFactory grains, AuditTrail audit)
    {
        if (await ReadObjectAsync(http) is not { } body) return Problems.Invalid([new FieldError("$", "请求体须为 JSON 对象，例如 { \"reason\": \"销号时数据有误\" }。")], "重新打开无效");
        var errors = new List<FieldError>();
        var reason = Text(body, "reason", errors, required: true);
        if (reason is not null && string.IsNullOrWhiteSpace(reason)) errors.Add(new FieldError("reason", "重新打开须填写理由。"));
        if (errors.Count > 0) return Problems.Invalid(errors, "重新打开无效");
        if (Grain(id, plan, grains) is not { } grain) return Problems.NotFound("id", $"没有督办 {id}。");
        var result = await grain.ReopenAsync(id, http.ActorName(), reason!);
        if (result.Alert is not null) await audit.RecordAsync(http, "reopen", id, $"reason={reason}");
        return await AnswerAsync(result, id, plan, grains);
    }

    /// <summary>Answers a person's command once the alert index holds its outcome, so the list their page reloads shows it.</summary>
    private static async Task<IResult> AnswerAsync(AlertCommandResult result, string id, PlanDocument plan, IGrainFactory grains)
    {
        if (result.Alert is { } changed) await grains.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(plan.Id)).KeepAsync([changed]);
        return Answer(result, id);
    }

    private static async Task<IResult> AddSilenceAsync(HttpContext http, PlanDocument plan, IGrainFactory grains, AuditTrail audit)
    {
        if (await ReadObjectAsync(http) is not { } body) return Problems.Invalid([new FieldError("$", "请求体须为 JSON 对象。")]);
        var errors = new List<FieldError>();
        var reason = Text(body, "reason", errors, required: true);
        var from = Instant(body, "from", errors);
        var until = Instant(body, "until", errors);
        var unit = Text(body, "unit", errors, required: false);
        var target = Text(body, "target", errors, required: false);
        if (unit is not null && plan.FindUnit(unit) is null) errors.Add(new FieldError("unit", $"没有单位 {unit}。"));
        if (target is not null && plan.FindTarget(target) is null) errors.Add(new FieldError("target", $"没有目标 {target}。"));
        if (errors.Count > 0) return Problems.Invalid(errors, "静默无效");
        var (silence, field, message) = await grains.GetGrain<ISilenceGrain>(GrainKeys.Plan(plan.Id)).AddAsync(new SilenceView
        {
            Id = "", CreatedBy = http.ActorName(), Reason = reason!, From = from!.Value, Until = until!.Value, Unit = unit, Target = target,
        });
        if (silence is null) return Problems.Invalid([new FieldError(field ?? "$", message ?? "")], "静默无效");
        await audit.RecordAsync(http, "silence.add", silence.Id,
            $"reason={silence.Reason}; from={silence.From:O}; until={silence.Until:O}; unit={silence.Unit ?? "*"}; target={silence.Target ?? "*"}");
        return Results.Json(silence, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> RemoveSilenceAsync(string id, HttpContext http, PlanDocument plan, IGrainFactory grains, AuditTrail audit)
    {
        if (!await grains.GetGrain<ISilenceGrain>(GrainKeys.Plan(plan.Id)).RemoveAsync(id)) return Problems.NotFound("id", $"没有静默 {id}。");
        await audit.RecordAsync(http, "silence.remove", id);
        return Results.NoContent();
    }

    /// <summary>The grain holding an alert, from its id (<c>&lt;target or _&gt;.&lt;unit&gt;.&lt;rule&gt;.&lt;date&gt;</c>);
    /// null unless the id names a plan target (or _) and a plan unit: the grain cannot activate for anything else.</summary>
    private static IAlertsGrain? Grain(string id, PlanDocument plan, IGrainFactory grains)
    {
        var parts = id.Split('.');
        return parts.Length == 4 && (parts[0] == GrainKeys.NoTarget || plan.FindTarget(parts[0]) is not null) && plan.FindUnit(parts[1]) is not null
            ? grains.GetGrain<IAlertsGrain>(GrainKeys.Target(parts[0], parts[1]))
            : null;
    }

    private static IResult Answer(AlertCommandResult result, string id) =>
        result.NotFound ? Problems.NotFound("id", $"没有督办 {id}。")
        : result.Alert is { } alert ? Results.Json(WithLink(alert), ApiJson.Options)
        : Problems.Invalid([new FieldError(result.Field ?? "$", result.Message ?? "")], "操作被拒绝");

    private static JsonNode WithLink(AlertView alert)
    {
        var node = JsonSerializer.SerializeToNode(alert, ApiJson.Options)!.AsObject();
        node["link"] = alert.Target is null ? $"/units/{alert.Unit}" : $"/targets/{alert.Target}";
        return node;
    }

    /// <summary>The body as a JSON object (strict reader, size-limited), or null.</summary>
    internal static async Task<JsonElement?> ReadObjectAsync(HttpContext http)
    {
        var (document, _, _) = await BodyReader.ReadAsync(http.Request, http.RequestAborted);
        using (document)
        {
            return document?.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
    }

    /// <summary>A string property; null when absent (an error when required) or not a string (an error).</summary>
    internal static string? Text(JsonElement body, string name, List<FieldError> errors, bool required)
    {
        if (!body.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(new FieldError(name, $"缺少 {name}。"));
            return null;
        }
        if (p.ValueKind == JsonValueKind.String)
        {
            var s = JsonText.Read(p, name, out var invalid);
            if (invalid is not null || s is null)
            {
                errors.Add(new FieldError(name, invalid ?? $"{name} 必须是字符串。"));
                return null;
            }
            if (s.Length <= MaxText) return s;
            errors.Add(new FieldError(name, $"{name} 不能超过 {MaxText} 个字符（当前 {s.Length} 个）。"));
            return null;
        }
        errors.Add(new FieldError(name, $"{name} 必须是字符串。"));
        return null;
    }

    private static DateTimeOffset? Instant(JsonElement body, string name, List<FieldError> errors)
    {
        if (Text(body, name, errors, required: true) is not { } text) return null;
        if (text.Contains('T', StringComparison.Ordinal)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)) return instant;
        errors.Add(new FieldError(name, $"{name} 须为带时区的 ISO 8601 时间，例如 2025-10-01T00:00:00+08:00。"));
        return null;
    }
}
