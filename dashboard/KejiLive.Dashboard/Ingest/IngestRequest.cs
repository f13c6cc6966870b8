using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Security;

namespace KejiLive.Dashboard.Ingest;

/// <summary>What <see cref="ReportIngestor"/> is asked to store: the drafts as read (null for an item that could not be
/// read at all, e.g. a JSON array element that is not an object), who sends them from where, and whom they may report for.</summary>
/// <param name="Drafts">In request order; the index is what error fields name.</param>
/// <param name="IsBatch">True when the request was an array: answers are per item and fields carry <c>[i].</c>.</param>
/// <param name="SubmittedBy">Stamped on every report (the authenticated name, or "anonymous").</param>
/// <param name="Source">Where the reports came from (the remote address).</param>
/// <param name="MayReportForUnit">False for a unit the sender may not report for: the whole request is refused with 403.</param>
public sealed record IngestRequest(
    IReadOnlyList<ReportDraft?> Drafts,
    bool IsBatch,
    string SubmittedBy,
    string Source,
    Func<string, bool> MayReportForUnit)
{
    /// <summary>Errors found while reading each draft (same index, already named as the caller shows them); they are
    /// reported before the plan's errors of the same draft.</summary>
    public IReadOnlyList<IReadOnlyList<FieldError>>? ReadErrors { get; init; }

    /// <summary>How a draft's field is named in errors (draft index, JSON field name). Defaults to <c>[i].field</c> in a
    /// batch and <c>field</c> alone otherwise; the Excel upload names the sheet and cell instead.</summary>
    public Func<int, string, string>? FieldName { get; init; }

    /// <summary>Who sends the request, for the audit entries the grains commit with the reports (one per stored report,
    /// one per repeat). Null: the reports are stored without audit entries (callers that are not a request).</summary>
    public ReportAuditContext? Audit { get; init; }

    /// <summary>The name of <paramref name="field"/> of draft <paramref name="index"/> in errors.</summary>
    public string Name(int index, string field) =>
        FieldName?.Invoke(index, field) ?? (IsBatch ? $"[{index}].{field}" : field);
}
