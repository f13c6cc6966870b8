using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KejiLive.Dashboard.Filling;

/// <summary>The reportId of an uploaded row, derived from what it says: the unit, target and date readable, then a hash
/// of the row's values. The same file uploaded again makes the same ids (a repeat: 200, nothing new); a changed value
/// makes a new id, so it is a new report for that date, judged by the API's rules (higher: accepted and effective;
/// lower: refused unless marked 更正).</summary>
public static class UploadReportIds
{
    public static string For(string unitId, string targetId, DateOnly asOf, double value, double? numerator, double? denominator, bool correction, string? note)
    {
        var content = string.Join('\u001f',
            unitId, targetId, asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            value.ToString("R", CultureInfo.InvariantCulture),
            numerator?.ToString("R", CultureInfo.InvariantCulture) ?? "",
            denominator?.ToString("R", CultureInfo.InvariantCulture) ?? "",
            correction ? "1" : "0",
            note ?? "");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];
        var readable = $"xlsx-{asOf:yyyyMMdd}-{unitId}-{targetId}";
        // reportIds are at most 100 characters; plan ids keep this far shorter, but the hash must survive regardless.
        if (readable.Length > 80) readable = readable[..80];
        return $"{readable}-{hash}";
    }
}
