using System.Collections.Immutable;
using KejiLive.Dashboard.Endpoints;
using KejiLive.Dashboard.Observability;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.AspNetCore.Http;

namespace KejiLive.Dashboard.Ingest;

/// <summary>The one path by which reports are stored, whatever they arrived as (JSON, Excel 填报). Order: the sender may
/// report for every unit named (else 403), every draft satisfies the plan (else 400), a batch as a whole agrees with each
/// unit's history (else 400/409, nothing stored), then each target × unit grain stores its part in one durable write
/// before the answer. Between the check and the store another request may change a history; then a grain refuses its
/// part and the answer (409) lists what each grain did.</summary>
public sealed class ReportIngestor(IGrainFactory grains, PlanDocument plan, PlanClock clock, KejiMetrics metrics)
{
    public async Task<IngestAnswer> IngestAsync(IngestRequest request, CancellationToken cancellationToken = default)
    {
        var drafts = request.Drafts;

        for (var i = 0; i < drafts.Count; i++)
        {
            if (drafts[i]?.Unit is { } unit && !request.MayReportForUnit(unit))
            {
                metrics.Refused("forbidden", drafts.Count);
                var field = request.Name(i, "unit");
                return Refuse(request, Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "无权为该单位报送",
                    detail: $"{field}: 当前账号不能为{Endpoints.UnitText.Of(plan, unit)}报送，只能报送本单位的数据。",
                    extensions: new Dictionary<string, object?> { ["field"] = field }));
            }
        }

        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        for (var i = 0; i < drafts.Count; i++)
        {
            var unreadable = new HashSet<string>(StringComparer.Ordinal);
            if (request.ReadErrors is { } read && i < read.Count)
            {
                errors.AddRange(read[i]);
                unreadable.UnionWith(read[i].Select(e => e.Field));
            }
            if (drafts[i] is { } draft && ReportRules.Validate(plan, draft, now) is { Length: > 0 } found)
            {
                // A field sent in the wrong form ("value": "10") reaches the rules as absent: its reading error already
                // says what is wrong, and a second one saying it is missing would contradict what the sender sees.
                foreach (var e in found)
                {
                    var named = e with { Field = request.Name(i, e.Field) };
                    if (!unreadable.Contains(named.Field)) errors.Add(named);
                }
            }
        }
        if (errors.Count > 0)
        {
            metrics.Refused("field", drafts.Count);
            return Refuse(request, Problems.Invalid(errors));
        }

        var groups = Group(drafts, request);

        // Whole batch first, nothing stored: a refusal anywhere (also against an earlier item of the batch) refuses all.
        if (request.IsBatch)
        {
            var checks = await Task.WhenAll(groups.Select(g => TargetGrainRefs.Get(grains, g.Key).CheckAllAsync(g.Reports)));
            var refusals = groups.SelectMany((g, gi) => g.Indexes.Select((index, k) => (r: checks[gi][k], i: index)))
                .Where(x => x.r.Outcome is IngestOutcome.Refused or IngestOutcome.Conflict).OrderBy(x => x.i).ToList();
            if (refusals.Count > 0)
            {
                metrics.Refused(refusals.Any(r => r.r.Outcome == IngestOutcome.Conflict) ? "conflict" : "history", drafts.Count);
                return Refuse(request, Problems.Invalid([.. refusals.Select(r => new FieldError(request.Name(r.i, r.r.Field ?? ""), r.r.Message ?? ""))]));
            }
        }

        var results = new IngestResult[drafts.Count];
        if (groups.Count == 1)
        {
            await StoreAsync(groups[0], request, results);
        }
        else
        {
            await Task.WhenAll(groups.Select(g => StoreAsync(g, request, results)));
        }
        return Answer(request, results);
    }

    /// <summary>One target × unit's reports, in request order, and where each stands in the request.</summary>
    private sealed record GrainWork(string Key, int[] Indexes, ImmutableArray<ReportSubmission> Reports);

    /// <summary>Reports for the same target × unit go to their grain together, in order (one durable write per grain);
    /// groups in order of their first report.</summary>
    private static List<GrainWork> Group(IReadOnlyList<ReportDraft?> drafts, IngestRequest request)
    {
        if (drafts.Count == 1)
        {
            var d = drafts[0]!;
            return [new GrainWork(GrainKeys.Target(d.Target!, d.Unit!), [0], [ToSubmission(d, request.SubmittedBy, request.Source)])];
        }
        var order = new List<string>();
        var byKey = new Dictionary<string, (List<int> Indexes, ImmutableArray<ReportSubmission>.Builder Reports)>(StringComparer.Ordinal);
        for (var i = 0; i < drafts.Count; i++)
        {
            var d = drafts[i]!;
            var key = GrainKeys.Target(d.Target!, d.Unit!);
            if (!byKey.TryGetValue(key, out var group))
            {
                byKey[key] = group = ([], ImmutableArray.CreateBuilder<ReportSubmission>());
                order.Add(key);
            }
            group.Indexes.Add(i);
            group.Reports.Add(ToSubmission(d, request.SubmittedBy, request.Source));
        }
        return order.Select(k => new GrainWork(k, [.. byKey[k].Indexes], byKey[k].Reports.ToImmutable())).ToList();
    }

    /// <summary>Stores one grain's part (with its audit entries when the request carries an audit context).</summary>
    private async Task StoreAsync(GrainWork work, IngestRequest request, IngestResult[] results)
    {
        var grain = TargetGrainRefs.Get(grains, work.Key);
        var answers = request.Audit is { } audit ? await grain.SubmitAuditedAsync(work.Reports, audit) : await grain.SubmitAllAsync(work.Reports);
        for (var k = 0; k < work.Indexes.Length; k++) results[work.Indexes[k]] = answers[k];
    }

    private IngestAnswer Answer(IngestRequest request, IngestResult[] results)
    {
        var created = results.Count(r => r.Outcome == IngestOutcome.Created);
        var duplicates = results.Count(r => r.Outcome == IngestOutcome.Duplicate);
        if (created > 0) metrics.Accepted("created", created);
        if (duplicates > 0) metrics.Accepted("duplicate", duplicates);

        var refused = results.Select((r, i) => (r, i)).Where(x => x.r.Outcome is IngestOutcome.Refused or IngestOutcome.Conflict).ToList();
        if (refused.Count == 0) return new IngestAnswer { Results = [.. results], IsBatch = request.IsBatch };

        var conflict = refused.Any(x => x.r.Outcome == IngestOutcome.Conflict);
        metrics.Refused(conflict ? "conflict" : "history", refused.Count);
        var errors = refused.Select(x => new FieldError(request.Name(x.i, x.r.Field ?? ""), x.r.Message ?? "")).ToList();
        IResult answer;
        if (!request.IsBatch && conflict)
        {
            answer = Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "reportId 冲突", detail: errors[0].Message,
                extensions: new Dictionary<string, object?> { ["field"] = errors[0].Field });
        }
        else if (!request.IsBatch)
        {
            answer = Problems.Invalid(errors);
        }
        else
        {
            // Only reachable when another request changed a unit's history between check and store; grains that
            // refused stored none of their part, others may have stored theirs (each result says which).
            answer = Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "部分报送未被接受",
                detail: string.Join("；", errors.Select(e => $"{e.Field}: {e.Message}")),
                extensions: new Dictionary<string, object?> { ["results"] = results.Select(IngestAnswer.Item).ToArray() });
        }
        return new IngestAnswer { Refusal = answer, Results = [.. results], IsBatch = request.IsBatch };
    }

    private static IngestAnswer Refuse(IngestRequest request, IResult refusal) => new() { Refusal = refusal, IsBatch = request.IsBatch };

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
