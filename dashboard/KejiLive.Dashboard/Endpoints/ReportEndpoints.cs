using System.Diagnostics;
using System.Text.Json;
using KejiLive.Dashboard.Ingest;
using KejiLive.Dashboard.Observability;
using KejiLive.Dashboard.Security;
using KejiLive.Domain.Security;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
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
            .Accepts<OpenApi.ReportBody>("application/json")
            .Produces<TargetSnapshot>(StatusCodes.Status201Created)
            .Produces<TargetSnapshot>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .RequireAuthorization(KejiAuth.Policies.Write);
        return app;
    }

    private static async Task<IResult> PostAsync(HttpContext http, IGrainFactory grains, PlanDocument plan, PlanClock clock, KejiMetrics metrics, AuditTrail audit)
    {
        var ingestor = new ReportIngestor(grains, plan, clock, metrics);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await IngestAsync(http, ingestor, metrics, audit);
        }
        finally
        {
            metrics.IngestDuration(Stopwatch.GetElapsedTime(started));
        }
    }

    private static async Task<IResult> IngestAsync(HttpContext http, ReportIngestor ingestor, KejiMetrics metrics, AuditTrail audit)
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

            var drafts = new List<ReportDraft?>(items.Count);
            var readErrors = new List<IReadOnlyList<FieldError>>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                var errors = new List<FieldError>();
                var draft = ReportJson.Read(items[i], isBatch ? $"[{i}]." : "", errors);
                // An item that is not an object has nothing the plan could judge: its reading error says it all.
                drafts.Add(items[i].ValueKind == JsonValueKind.Object ? draft : null);
                readErrors.Add(errors);
            }

            // A unit reporter reports for its own unit only; admin for any (imports, the office's corrections).
            var answer = await ingestor.IngestAsync(
                new IngestRequest(drafts, isBatch, http.ActorName(), http.Address(), unit => http.User.May(Operation.Report, unit))
                {
                    ReadErrors = readErrors,
                    // Each stored report's audit entry commits with the report itself, in its target × unit grain.
                    Audit = AuditTrail.ContextOf(http),
                },
                http.RequestAborted);
            metrics.Ingested(KejiMetrics.ApiChannel, drafts, answer);
            return answer.ToHttp();
        }
    }
}
