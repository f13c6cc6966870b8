using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>A fingerprint of everything a weekly pack is made of: the day it is judged on, whether the week has ended,
/// every target × unit's reports and review marks, the 督办 and the audit entries. Equal fingerprints make equal packs,
/// so a preview is rebuilt only when the fingerprint changes.</summary>
public static class PackInputs
{
    public static string Hash(
        DateOnly judgedOn,
        bool final,
        IReadOnlyDictionary<(string TargetId, string UnitId), IReadOnlyList<ReportEntry>> histories,
        IReadOnlyDictionary<(string TargetId, string UnitId), IReadOnlyList<ReviewMark>> reviews,
        IReadOnlyList<PackAlert> alerts,
        IReadOnlyList<PackAuditEntry> audit)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string part) => hash.AppendData(Encoding.UTF8.GetBytes(part + "\n"));
        Add(judgedOn.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + (final ? "|final" : "|preview"));
        foreach (var (key, entries) in histories.OrderBy(p => p.Key.TargetId, StringComparer.Ordinal).ThenBy(p => p.Key.UnitId, StringComparer.Ordinal))
        {
            Add($"h|{key.TargetId}|{key.UnitId}|{JsonSerializer.Serialize(entries)}");
        }
        foreach (var (key, marks) in reviews.OrderBy(p => p.Key.TargetId, StringComparer.Ordinal).ThenBy(p => p.Key.UnitId, StringComparer.Ordinal))
        {
            Add($"r|{key.TargetId}|{key.UnitId}|{JsonSerializer.Serialize(marks)}");
        }
        Add("a|" + JsonSerializer.Serialize(alerts));
        Add("u|" + JsonSerializer.Serialize(audit));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
