using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KejiLive.Domain.Security;

/// <summary>The audit log is a hash chain: each entry's hash covers the previous entry's hash and every field of its
/// own, so a changed, removed or reordered row breaks every hash after it and <see cref="FirstBroken"/> finds it.</summary>
public static class AuditChain
{
    /// <summary>The hash before the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Hash of one entry given the previous entry's hash. Fields are length-prefixed, so no choice of text can
    /// make two different entries hash alike by shifting a separator.</summary>
    public static string Hash(string previousHash, long seq, DateTimeOffset at, string actor, string role, string? unit,
        string address, string action, string subject, string detail)
    {
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     previousHash, seq.ToString(CultureInfo.InvariantCulture), at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                     actor, role, unit ?? "", address, action, subject, detail,
                 })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The sequence number of the first entry whose stored hash does not follow from its predecessor, or null
    /// when the chain is whole. Entries must come in sequence order, starting at the first.</summary>
    public static long? FirstBroken<T>(IEnumerable<T> entries, Func<T, (long Seq, DateTimeOffset At, string Actor, string Role, string? Unit,
        string Address, string Action, string Subject, string Detail, string Hash)> fields)
    {
        var previous = Genesis;
        long expectedSeq = 1;
        foreach (var entry in entries)
        {
            var f = fields(entry);
            if (f.Seq != expectedSeq) return expectedSeq;
            var hash = Hash(previous, f.Seq, f.At, f.Actor, f.Role, f.Unit, f.Address, f.Action, f.Subject, f.Detail);
            if (!ApiTokens.FixedEquals(hash, f.Hash)) return f.Seq;
            previous = f.Hash;
            expectedSeq++;
        }
        return null;
    }
}
