using System.Collections.Immutable;
using System.Globalization;
using KejiLive.Dashboard.Ingest;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.AspNetCore.Http;

namespace KejiLive.Dashboard.Security;

/// <summary>Writes what a request changed to the audit log: the caller's name, role and unit, the address it came from,
/// the plan clock's time. Called after the change is durable; a change that was refused is not audited (nothing changed).</summary>
public sealed class AuditTrail(IGrainFactory grains, PlanClock clock)
{
    /// <summary>Longest detail kept per entry; a long note is cut with a mark, the full text stays with the report.</summary>
    public const int MaxDetail = 2000;

    public Task RecordAsync(HttpContext http, string action, string subject, string detail = "") =>
        RecordAsync(http, [(action, subject, detail)]);

    public async Task RecordAsync(HttpContext http, IReadOnlyList<(string Action, string Subject, string Detail)> changes)
    {
        if (changes.Count == 0) return;
        var at = clock.GetUtcNow();
        var user = http.User;
        var entries = changes.Select(c => new AuditRecord
        {
            At = at,
            Actor = http.ActorName(),
            Role = user.Identity?.IsAuthenticated == true ? user.RoleOf().ToString().ToLowerInvariant() : "anonymous",
            Unit = user.UnitOf(),
            Address = http.Address(),
            Action = c.Action,
            Subject = c.Subject,
            Detail = c.Detail.Length > MaxDetail ? c.Detail[..MaxDetail] + "…（截断）" : c.Detail,
        }).ToImmutableArray();
        await grains.GetGrain<IAuditGrain>(IAuditGrain.Key).AppendAsync(entries);
    }

    /// <summary>One entry per report the request stored (repeats of an accepted reportId changed nothing): "report" or
    /// "correction", subject <c>target/unit/reportId</c>, the values as submitted. <paramref name="via"/> names the
    /// channel when it is not the JSON API (e.g. "upload 文件名").</summary>
    public Task RecordReportsAsync(HttpContext http, IReadOnlyList<ReportDraft?> drafts, IngestAnswer answer, string? via = null)
    {
        if (answer.Refusal is not null || answer.Results.Length != drafts.Count) return Task.CompletedTask;
        var changes = new List<(string, string, string)>();
        for (var i = 0; i < drafts.Count; i++)
        {
            if (answer.Results[i].Outcome != IngestOutcome.Created || drafts[i] is not { } d) continue;
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"asOf={d.AsOf:yyyy-MM-dd}; value={d.Value}; numerator={d.Numerator?.ToString(CultureInfo.InvariantCulture) ?? "-"}; denominator={d.Denominator?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
            if (via is not null) detail += "; via=" + via;
            if (!string.IsNullOrEmpty(d.Note)) detail += "; note=" + d.Note;
            changes.Add((d.Correction ? "correction" : "report", $"{d.Target}/{d.Unit}/{d.ReportId}", detail));
        }
        return RecordAsync(http, changes);
    }
}
