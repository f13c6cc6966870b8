using System.Globalization;

namespace KejiLive.Domain.Security;

/// <summary>The audit entry of a stored report: its action, subject and detail (the values as submitted).</summary>
public static class ReportAuditText
{
    /// <summary>Longest detail kept per entry; a long note is cut with a mark, the full text stays with the report.</summary>
    public const int MaxDetail = 2000;

    /// <summary>A report stored for the first time.</summary>
    public const string Report = "report";

    /// <summary>A correction stored for the first time.</summary>
    public const string Correction = "correction";

    /// <summary>A repeat of a stored reportId with the same content: nothing changed, the attempt is recorded.</summary>
    public const string Repeat = "report.repeat";

    /// <summary>The subject of a report's entries: <c>target/unit/reportId</c>.</summary>
    public static string Subject(string targetId, string unitId, string reportId) => $"{targetId}/{unitId}/{reportId}";

    /// <summary>asOf, value, numerator, denominator, then the channel and the note when present; cut at <see cref="MaxDetail"/>.</summary>
    public static string Detail(DateOnly asOf, double value, double? numerator, double? denominator, string? via, string? note)
    {
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"asOf={asOf:yyyy-MM-dd}; value={value}; numerator={numerator?.ToString(CultureInfo.InvariantCulture) ?? "-"}; denominator={denominator?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        if (via is not null) detail += "; via=" + via;
        if (!string.IsNullOrEmpty(note)) detail += "; note=" + note;
        return Cut(detail);
    }

    /// <summary><paramref name="detail"/> cut at <see cref="MaxDetail"/> with a mark.</summary>
    public static string Cut(string detail) => detail.Length > MaxDetail ? detail[..MaxDetail] + "…（截断）" : detail;
}
