using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using KejiLive.Dashboard.Ingest;
using KejiLive.Dashboard.Observability;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KejiLive.Dashboard.Endpoints;

/// <summary><c>POST /api/reports</c>: one report or an array. A batch is all or nothing: every item is checked against
/// the plan and against its unit's history before any is stored. 201 when something was stored (durably, before the
/// answer), 200 when every item was a repeat of an accepted reportId, 400/409/413 problem+json otherwise.</summary>
public static class ReportEndpoints
{
    /// <summary>Most reports one request may carry.</summary>
    public const int MaxBatch = 500;

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/reports", PostAsync)
            .WithName("PostReports")
            .WithSummary("报送目标进度（单份或数组）")
            .WithDescription("字段：reportId, target, unit, asOf (yyyy-MM-dd), value（必填）；numerator, denominator（比值类目标必填）；note, correction（可选）。")
            .Accepts<JsonNode>("application/json")
            .Produces<TargetSnapshot>(StatusCodes.Status201Created)
            .Produces<TargetSnapshot>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    private static async Task<IResult> PostAsync(HttpContext http, IGrainFactory grains, PlanDocument plan, PlanClock clock, KejiMetrics metrics)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await IngestAsync(http, grains, plan, clock, metrics);
        }
        finally
        {
            metrics.IngestDuration(Stopwatch.GetElapsedTime(started));
        }
    }

    private static async Task<IResult> IngestAsync(HttpContext http, IGrainFactory grains, PlanDocument plan, PlanClock clock, KejiMetrics metrics)
    {
        var (document, failure, message) = await BodyReader.ReadAsync(http.Request, http.RequestAborted);
        if (failure == BodyReader.Failure.TooLarge)
        {
            metrics.Refused("size");
            return Problems.TooLarge(BodyReader.MaxBytes);
        }
        if (document is null)
        {
            metrics.Refused("json");
            return Problems.Invalid([new FieldError("$", message ?? "请求体为空。")], "请求体不是合法的 JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            var isBatch = root.ValueKind == JsonValueKind.Array;
            var items = isBatch ? root.EnumerateArray().ToList() : [root];
            if (isBatch && (items.Count == 0 || items.Count > MaxBatch))
            {
                metrics.Refused("field");
                return Problems.Invalid([new FieldError("$", $"数组须包含 1 到 {MaxBatch} 份报送，实际 {items.Count} 份。")]);
            }

            var now = clock.GetUtcNow();
            var errors = new List<FieldError>();
            var drafts = new List<ReportDraft>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var prefix = isBatch ? $"[{i}]." : "";
                var before = errors.Count;
                var draft = ReportJson.Read(items[i], prefix, errors);
                if (errors.Count == before || items[i].ValueKind == JsonValueKind.Object)
                {
                    errors.AddRange(ReportRules.Validate(plan, draft, now).Select(e => e with { Field = prefix + e.Field }));
                }
                drafts.Add(draft);
            }
            if (errors.Count > 0)
            {
                metrics.Refused("field", items.Count);
                return Problems.Invalid(errors);
            }

            var who = http.User.Identity?.IsAuthenticated == true ? http.User.Identity.Name ?? "unknown" : "anonymous";
            var from = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var work = drafts.Select((d, i) => (Index: i, Key: GrainKeys.Target(d.Target!, d.Unit!), Report: ToSubmission(d, who, from))).ToList();

            // Reports for the same target × unit go to their grain together, in order (one durable write per grain).
            var groups = work.GroupBy(w => w.Key)
                .Select(g => (Key: g.Key, Indexes: g.Select(w => w.Index).ToArray(), Reports: g.Select(w => w.Report).ToImmutableArray()))
                .ToList();

            // Whole batch first, nothing stored: a refusal anywhere (also against an earlier item of the batch) refuses all.
            if (isBatch)
            {
                var checks = await Task.WhenAll(groups.Select(g => grains.GetGrain<ITargetGrain>(g.Key).CheckAllAsync(g.Reports)));
                var refusals = groups.SelectMany((g, gi) => g.Indexes.Select((index, k) => (r: checks[gi][k], i: index)))
                    .Where(x => x.r.Outcome is IngestOutcome.Refused or IngestOutcome.Conflict).OrderBy(x => x.i).ToList();
                if (refusals.Count > 0)
                {
                    metrics.Refused(refusals.Any(r => r.r.Outcome == IngestOutcome.Conflict) ? "conflict" : "history", items.Count);
                    return Problems.Invalid([.. refusals.Select(r => new FieldError($"[{r.i}].{r.r.Field}", r.r.Message ?? ""))]);
                }
            }

            var results = new IngestResult[work.Count];
            await Task.WhenAll(groups.Select(async g =>
            {
                var answers = await grains.GetGrain<ITargetGrain>(g.Key).SubmitAllAsync(g.Reports);
                for (var k = 0; k < g.Indexes.Length; k++) results[g.Indexes[k]] = answers[k];
            }));
            return Answer(results, isBatch, metrics);
        }
    }

    private static IResult Answer(IngestResult[] results, bool isBatch, KejiMetrics metrics)
    {
        var created = results.Count(r => r.Outcome == IngestOutcome.Created);
        var duplicates = results.Count(r => r.Outcome == IngestOutcome.Duplicate);
        if (created > 0) metrics.Accepted("created", created);
        if (duplicates > 0) metrics.Accepted("duplicate", duplicates);

        var refused = results.Select((r, i) => (r, i)).Where(x => x.r.Outcome is IngestOutcome.Refused or IngestOutcome.Conflict).ToList();
        if (refused.Count > 0)
        {
            var conflict = refused.Any(x => x.r.Outcome == IngestOutcome.Conflict);
            metrics.Refused(conflict ? "conflict" : "history", refused.Count);
            var errors = refused.Select(x => new FieldError((isBatch ? $"[{x.i}]." : "") + x.r.Field, x.r.Message ?? "")).ToList();
            if (!isBatch && conflict)
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "reportId 冲突", detail: errors[0].Message,
                    extensions: new Dictionary<string, object?> { ["field"] = errors[0].Field });
            }
            if (!isBatch) return Problems.Invalid(errors);
            // Only reachable when another request changed a unit's history between check and store; grains that
            // refused stored none of their part, others may have stored theirs (each result says which).
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "部分报送未被接受",
                detail: string.Join("；", errors.Select(e => $"{e.Field}: {e.Message}")),
                extensions: new Dictionary<string, object?> { ["results"] = results.Select(Item).ToArray() });
        }

        var status = created > 0 ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        return isBatch
            ? Results.Json(results.Select(Item).ToArray(), ApiJson.Options, statusCode: status)
            : Results.Json(results[0].Snapshot, ApiJson.Options, statusCode: status);
    }

    private static object Item(IngestResult r) => new
    {
        outcome = r.Outcome.ToString().ToLowerInvariant(),
        field = r.Field,
        message = r.Message,
        state = r.Snapshot,
    };

    private static ReportSubmission ToSubmission(ReportDraft d, string who, string from) => new()
    {
        ReportId = d.ReportId!,
        AsOf = d.AsOf!.Value,
        Value = d.Value!.Value,
        Numerator = d.Numerator,
        Denominator = d.Denominator,
        Correction = d.Correction,
        Note = d.Note,
        SubmittedBy = who,
        Source = from,
    };
}
