using System.Data.Common;
using System.Globalization;
using KejiLive.Grains.Abstractions.Security;

namespace KejiLive.Storage.Sqlite;

/// <summary>Reads audit rows in the column order both audit stores select them (seq, at, actor, role, unit, address,
/// action, subject, detail, hash).</summary>
internal static class AuditRows
{
    public static IEnumerable<AuditRecord> All(DbDataReader reader)
    {
        while (reader.Read()) yield return Read(reader);
    }

    public static AuditRecord Read(DbDataReader r) => new()
    {
        Seq = r.GetInt64(0),
        At = DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
        Actor = r.GetString(2),
        Role = r.GetString(3),
        Unit = r.IsDBNull(4) ? null : r.GetString(4),
        Address = r.GetString(5),
        Action = r.GetString(6),
        Subject = r.GetString(7),
        Detail = r.GetString(8),
        Hash = r.GetString(9),
    };
}
