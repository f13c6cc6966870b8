using System.Collections.Immutable;
using System.Globalization;
using KejiLive.Dashboard.Filling;
using KejiLive.Dashboard.Ingest;
using KejiLive.Dashboard.Security;
using KejiLive.Domain.Security;
using KejiLive.Dashboard.Observability;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Items;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>Excel 填报: a unit downloads its template, fills it in and uploads it. The upload is read cell by cell
/// (<see cref="FillingParser"/>) and accepted as a whole or not at all; its rows become ordinary reports through
/// <see cref="ReportIngestor"/>, and its item lists go to the targets' <see cref="IItemRegistryGrain"/>s, whose counts
/// become the reported values. Also the item lists and cross-unit duplicates (跨单位重复).</summary>
public static class FillingEndpoints
{
    /// <summary>2 MiB: a filled template of every target with a few thousand items is far smaller.</summary>
    public const long MaxUploadBytes = 2 << 20;

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapFillingEndpoints(this IEndpointRouteBuilder app)
    {
        // A unit's own template, or any for the office (leader, admin).
        app.MapGet("/api/units/{unit}/template", GetTemplateAsync)
            .WithName("GetFillingTemplate").WithSummary("下载单位填报模板（XLSX）")
            .WithDescription("asOf（yyyy-MM-dd，默认今天）：数据截止日期。工作表：填报（本单位承担的各项指标）、清单（计数类指标的明细）、说明。")
            .Produces(StatusCodes.Status200OK, contentType: XlsxContentType).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(403)
            .RequireAuthorization(KejiAuth.Policies.Template);

        // A unit uploads for itself; admin for any.
        app.MapPost("/api/units/{unit}/upload", UploadAsync)
            .WithName("UploadFilling").WithSummary("上传填好的填报模板（整份校验，全部接收或全部不接收）")
            .WithDescription("multipart/form-data（字段 file）或请求体直接为 XLSX。错误逐格指出，例如 填报!G7。")
            .Produces(StatusCodes.Status201Created).Produces(StatusCodes.Status200OK)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .RequireAuthorization(KejiAuth.Policies.Write)
            .DisableAntiforgery();

        // Duplicates are the city office's to settle (leader, admin).
        app.MapGet("/api/items/duplicates", GetAllDuplicatesAsync)
            .WithName("GetItemDuplicates").WithSummary("跨单位重复填报的条目（全部计数类指标）").Produces<DuplicateView[]>()
            .RequireAuthorization(KejiAuth.Policies.Oversee);

        app.MapGet("/api/items/{target}/duplicates", GetDuplicatesAsync)
            .WithName("GetTargetItemDuplicates").WithSummary("某指标跨单位重复填报的条目").Produces<DuplicateView[]>().ProducesProblem(404)
            .RequireAuthorization(KejiAuth.Policies.Oversee);

        // A unit's item list (enterprise names and registration numbers): the unit itself and the office.
        app.MapGet("/api/items/{target}/{unit}", GetItemsAsync)
            .WithName("GetUnitItems").WithSummary("某单位某指标的清单与计数").Produces<ItemView[]>().ProducesProblem(404).ProducesProblem(403)
            .RequireAuthorization(KejiAuth.Policies.Template);
        return app;
    }

    private static async Task<IResult> GetTemplateAsync(string unit, string? asOf, HttpContext http, IGrainFactory grains, PlanDocument plan, PlanClock clock)
    {
        if (!http.User.May(Operation.Template, unit)) return Problems.Forbidden("unit", $"只能下载本单位的填报模板；{UnitText.Of(plan, unit)}不是本单位。");
        if (plan.FindUnit(unit) is not { } reportingUnit) return Problems.NotFound("unit", $"未知单位“{unit}”");
        DateOnly date;
        if (asOf is null)
        {
            var today = ShanghaiTime.DateOf(clock.GetUtcNow());
            date = today.Year > plan.Year ? new DateOnly(plan.Year, 12, 31) : today;
        }
        else if (!DateInput.TryReadIso(asOf, "asOf", out date, out var problem))
        {
            return Problems.Invalid([new FieldError("asOf", problem!)], "参数无效");
        }

        var targets = await Task.WhenAll(plan.Targets.Where(t => t.AssignmentFor(unit) is not null).Select(async t =>
        {
            var snapshot = await grains.GetGrain<ITargetGrain>(GrainKeys.Target(t.Id, unit)).GetSnapshotAsync();
            var items = TemplateWriter.TakesItems(t) ? await grains.GetGrain<IItemRegistryGrain>(GrainKeys.Items(t.Id)).GetItemsAsync(unit) : [];
            return new TemplateTarget(t, t.AssignmentFor(unit)!, snapshot.ReportedAsOf is null ? null : snapshot.Actual, snapshot.ReportedAsOf, items);
        }));
        var file = TemplateWriter.Write(plan, reportingUnit, date, targets);
        return Results.File(file, XlsxContentType, $"{reportingUnit.Name}-填报模板-{date:yyyy-MM-dd}.xlsx");
    }

    private static async Task<IResult> UploadAsync(string unit, string? asOf, HttpContext http, IGrainFactory grains, PlanDocument plan, PlanClock clock, KejiMetrics metrics, AuditTrail audit)
    {
        // Before the file is even read: a unit uploads for itself only.
        if (!http.User.May(Operation.Report, unit)) return Problems.Forbidden("unit", $"只能为本单位上传填报；{UnitText.Of(plan, unit)}不是本单位。");
        if (plan.FindUnit(unit) is null) return Problems.NotFound("unit", $"未知单位“{unit}”");
        DateOnly? expected = null;
        if (asOf is not null)
        {
            if (!DateInput.TryReadIso(asOf, "asOf", out var d, out var problem))
            {
                return Problems.Invalid([new FieldError("asOf", problem!)], "参数无效");
            }
            expected = d;
        }

        var (file, failure) = await ReadFileAsync(http.Request, http.RequestAborted);
        if (failure is not null)
        {
            metrics.Refused("file");
            return failure;
        }
        var (sheets, refusal) = XlsxReader.Read(file!);
        if (sheets is null)
        {
            metrics.Refused("file");
            return refusal!.Limit is null
                ? Problems.Invalid([new FieldError("file", refusal.Message)], "上传的文件不是可读取的 XLSX 工作簿")
                : OverLimit(refusal);
        }

        var parse = FillingParser.Parse(plan, unit, sheets, clock.GetUtcNow(), expected);
        if (parse.Errors.Count > 0)
        {
            metrics.Refused("field");
            return Problems.Invalid(parse.Errors, "填报文件有误，整份未接收");
        }
        var date = parse.AsOf!.Value;
        var who = http.ActorName();
        var from = http.Address();

        // Item lists first (nothing stored): the registry's count is the value of their targets.
        var batches = parse.Items.GroupBy(i => i.TargetId).ToDictionary(g => g.Key, g => (Cells: g.Select(i => i.Cell).ToList(), Batch: new ItemClaimBatch
        {
            Unit = unit,
            AsOf = date,
            Items = [.. g.Select(i => new ItemLine { Name = i.Name, RegistrationNumber = i.RegistrationNumber })],
            SubmittedBy = who,
            Source = from,
        }));
        var previews = new Dictionary<string, ItemTally>(StringComparer.Ordinal);
        var actual = new Dictionary<string, (double Actual, DateOnly? AsOf)>(StringComparer.Ordinal);
        foreach (var (target, (_, batch)) in batches)
        {
            previews[target] = await grains.GetGrain<IItemRegistryGrain>(GrainKeys.Items(target)).PreviewAsync(batch);
            var snapshot = await grains.GetGrain<ITargetGrain>(GrainKeys.Target(target, unit)).GetSnapshotAsync();
            actual[target] = (snapshot.Actual, snapshot.ReportedAsOf);
        }

        var errors = new List<FieldError>();
        var drafts = new List<ReportDraft?>();
        var cells = new List<Func<string, string>>();
        void Add(string target, double value, double? numerator, double? denominator, bool correction, string? note, Func<string, string> cell)
        {
            var id = UploadReportIds.For(unit, target, date, value, numerator, denominator, correction, note);
            drafts.Add(new ReportDraft(id, target, unit, date, value, numerator, denominator, note, correction));
            cells.Add(field => field switch { "asOf" => parse.AsOfCell, "unit" => parse.UnitCell, _ => cell(field) });
        }
        foreach (var row in parse.Rows)
        {
            if (previews.TryGetValue(row.TargetId, out var tally))
            {
                var (cellsOfItems, _) = batches[row.TargetId];
                if (row.Value is { } typed && typed != tally.Count)
                {
                    errors.Add(new(row.Cell("value"), $"本期累计值 {typed.ToString(CultureInfo.InvariantCulture)} 与“清单”中该指标的计数 {tally.Count} 不一致"
                        + $"（{cellsOfItems[0]} 起 {cellsOfItems.Count} 行{(tally.Duplicates.IsEmpty ? "" : $"，其中 {tally.Duplicates.Length} 项已由其他单位先行填报，不计入")}）：请核对，或清空本期累计值按清单计数"));
                    continue;
                }
                if (row.Value is null && !ItemsChangeValue(tally, actual[row.TargetId])) continue;
                Add(row.TargetId, tally.Count, null, null, row.Correction, row.Note ?? ItemNote(tally), row.Cell);
            }
            else if (row.Value is { } value)
            {
                Add(row.TargetId, value, row.Numerator, row.Denominator, row.Correction, row.Note, row.Cell);
            }
        }
        // Items listed for a target whose 填报 row was deleted: the items still make its report.
        foreach (var (target, tally) in previews.Where(p => parse.Rows.All(r => r.TargetId != p.Key)))
        {
            if (!ItemsChangeValue(tally, actual[target])) continue;
            var first = batches[target].Cells[0];
            Add(target, tally.Count, null, null, false, ItemNote(tally), _ => first);
        }
        // A template sent back as it came (no value typed, no item listed) is a mistake, not "nothing new": say so.
        if (errors.Count == 0 && batches.Count == 0 && parse.Rows.All(r => r.Value is null))
        {
            errors.Add(new(FillingSheets.Fill, "表中没有填写任何本期累计值，也没有清单：没有可接收的数据，请填写后再上传"));
        }
        if (errors.Count > 0)
        {
            metrics.Refused("field");
            return Problems.Invalid(errors, "填报文件有误，整份未接收");
        }

        var ingestor = new ReportIngestor(grains, plan, clock, metrics);
        var answer = await ingestor.IngestAsync(new IngestRequest(drafts, IsBatch: true, who, from, u => http.User.May(Operation.Report, u))
        {
            FieldName = (i, field) => cells[i](field),
            Audit = AuditTrail.ContextOf(http, via: "upload"),
        }, http.RequestAborted);
        metrics.Ingested(KejiMetrics.ExcelChannel, drafts, answer);

        // Item lists are claimed only for what was stored (issue 15.5): a target whose report was accepted, or one whose
        // items did not change its value (it needed no report). A refused upload claims nothing; in the rare partial
        // refusal (another request changed a history between check and store) the stored targets' items are claimed.
        var outcomes = answer.Results.Select((r, i) => (drafts[i]!.Target!, r.Outcome)).ToList();
        var claimed = new Dictionary<string, ItemTally>(StringComparer.Ordinal);
        var moved = new List<string>();
        foreach (var (target, (itemCells, batch)) in batches)
        {
            var reported = outcomes.Where(o => o.Item1 == target).Select(o => o.Outcome).ToList();
            var stored = answer.Refusal is null ? reported.All(o => o is IngestOutcome.Created or IngestOutcome.Duplicate)
                : reported.Count > 0 && reported.All(o => o is IngestOutcome.Created or IngestOutcome.Duplicate);
            if (!stored) continue;
            var tally = await grains.GetGrain<IItemRegistryGrain>(GrainKeys.Items(target)).ClaimAsync(batch);
            claimed[target] = tally;
            if (tally.Count != previews[target].Count)
            {
                moved.Add($"{itemCells[0]}: 其他单位同时填报了相同条目，本单位“{target}”的清单计数由 {previews[target].Count} 变为 {tally.Count}；已按 {previews[target].Count} 接收，请重新上传本文件以按新计数更正。");
            }
        }
        var newItems = claimed.Values.Where(t => t.Added > 0).ToList();
        if (newItems.Count > 0)
        {
            await audit.RecordAsync(http, [.. newItems.Select(t => ("items.claim", $"{t.Target}/{unit}", $"added={t.Added}; count={t.Count}; duplicates={t.Duplicates.Length}"))]);
        }
        if (answer.Refusal is not null) return answer.Refusal;

        var body = new
        {
            unit,
            asOf = date,
            created = answer.Created,
            reports = answer.Results.Select((r, i) => new
            {
                cell = cells[i]("value"),
                target = drafts[i]!.Target,
                reportId = drafts[i]!.ReportId,
                value = drafts[i]!.Value,
                outcome = r.Outcome.ToString().ToLowerInvariant(),
                state = r.Snapshot,
            }).ToArray(),
            items = claimed.Values.Select(t => new { target = t.Target, count = t.Count, added = t.Added, duplicates = t.Duplicates }).ToArray(),
            notices = moved,
        };
        return Results.Json(body, ApiJson.Options, statusCode: answer.StatusCode);
    }

    /// <summary>Items make a report when they add something or the count differs from what the unit reported last.</summary>
    private static bool ItemsChangeValue(ItemTally tally, (double Actual, DateOnly? AsOf) last) =>
        tally.Added > 0 || last.AsOf is null || last.Actual != tally.Count;

    private static string ItemNote(ItemTally tally) =>
        $"按清单计数：{tally.Count} 项" + (tally.Duplicates.IsEmpty ? "" : $"（另有 {tally.Duplicates.Length} 项跨单位重复，未计入）");

    private static async Task<(byte[]? File, IResult? Failure)> ReadFileAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxUploadBytes + 64 * 1024) return (null, TooLarge());
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                // The file is kept in memory (at most 2 MiB): above the default 64 KiB threshold the form reader would
                // buffer it to a file in the temp directory, which a killed process leaves behind.
                form = await request.ReadFormAsync(new FormOptions
                {
                    MultipartBodyLengthLimit = MaxUploadBytes,
                    MemoryBufferThreshold = (int)MaxUploadBytes + 64 * 1024,
                }, cancellationToken);
            }
            catch (InvalidDataException)
            {
                return (null, TooLarge());
            }
            catch (IOException)
            {
                return (null, Problems.Invalid([new FieldError("file", "无法读取表单内容")], "上传的表单无效"));
            }
            catch (ArgumentException)
            {
                // A part header the form reader cannot parse (e.g. a cut filename* parameter) throws ArgumentNullException.
                return (null, Problems.Invalid([new FieldError("file", "表单的分段头无法解析（如 Content-Disposition 不完整）")], "上传的表单无效"));
            }
            var file = form.Files.GetFile("file") ?? form.Files.FirstOrDefault();
            if (file is null) return (null, Problems.Invalid([new FieldError("file", "表单中没有文件：请在字段 file 中上传 XLSX 文件")], "缺少文件"));
            if (file.Length > MaxUploadBytes) return (null, TooLarge());
            using var copy = new MemoryStream();
            await file.CopyToAsync(copy, cancellationToken);
            return (copy.ToArray(), null);
        }
        var type = request.ContentType?.Split(';')[0].Trim();
        if (type is not (XlsxContentType or "application/octet-stream"))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "不支持的上传格式",
                detail: $"请以 multipart/form-data（字段 file）上传，或以 {XlsxContentType} 直接上传 XLSX 文件。",
                extensions: new Dictionary<string, object?> { ["field"] = "file" }));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxUploadBytes) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }

    /// <summary>A workbook past one of <see cref="XlsxGuard"/>'s limits: 413, naming the limit (<c>limit</c>) and the field.</summary>
    private static IResult OverLimit(XlsxRefusal refusal) =>
        Results.Problem(statusCode: refusal.StatusCode, title: "工作簿超出读取上限，整份未接收", detail: refusal.Message,
            extensions: new Dictionary<string, object?>
            {
                ["field"] = "file",
                ["limit"] = refusal.Limit,
                ["errors"] = new Dictionary<string, string[]> { ["file"] = [refusal.Message] },
            });

    private static IResult TooLarge() =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "文件过大",
            detail: $"上传文件超过 {MaxUploadBytes / 1024 / 1024} MiB 上限。", extensions: new Dictionary<string, object?> { ["field"] = "file" });

    private static async Task<IResult> GetAllDuplicatesAsync(IGrainFactory grains, PlanDocument plan)
    {
        var lists = await Task.WhenAll(plan.Targets.Where(TemplateWriter.TakesItems)
            .Select(t => grains.GetGrain<IItemRegistryGrain>(GrainKeys.Items(t.Id)).GetDuplicatesAsync()));
        return Results.Json(lists.SelectMany(l => l).OrderBy(d => d.FlaggedAt).ToArray(), ApiJson.Options);
    }

    private static async Task<IResult> GetDuplicatesAsync(string target, IGrainFactory grains, PlanDocument plan)
    {
        if (plan.FindTarget(target) is not { } t || !TemplateWriter.TakesItems(t)) return Problems.NotFound("target", $"“{target}”不是计数类指标，没有清单");
        return Results.Json(await grains.GetGrain<IItemRegistryGrain>(GrainKeys.Items(target)).GetDuplicatesAsync(), ApiJson.Options);
    }

    private static async Task<IResult> GetItemsAsync(string target, string unit, HttpContext http, IGrainFactory grains, PlanDocument plan)
    {
        if (!http.User.May(Operation.Template, unit)) return Problems.Forbidden("unit", $"只能查看本单位的清单；{UnitText.Of(plan, unit)}不是本单位。");
        if (plan.FindTarget(target) is not { } t || !TemplateWriter.TakesItems(t)) return Problems.NotFound("target", $"“{target}”不是计数类指标，没有清单");
        if (t.AssignmentFor(unit) is null) return Problems.NotFound("unit", $"单位“{unit}”未承担指标“{t.Name}”");
        ImmutableArray<ItemView> items = await grains.GetGrain<IItemRegistryGrain>(GrainKeys.Items(target)).GetItemsAsync(unit);
        return Results.Json(items, ApiJson.Options);
    }
}
