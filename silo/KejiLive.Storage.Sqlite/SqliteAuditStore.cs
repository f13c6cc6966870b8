using System.Collections.Immutable;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// The audit log in the grain storage's own file (<c>keji.db</c>), append-only and hash-chained.
/// </summary>
/// <remarks>
/// <para>Append-only twice over: this class has no update or delete, and triggers in the file refuse both, so a later
/// build or a hand with the sqlite3 shell cannot edit history by accident. A deliberate edit (dropping the triggers)
/// still breaks the hash chain, which <see cref="VerifyAsync"/> reports.</para>
/// <para>Appends are commits of the storage's one writer thread (<see cref="SqliteLogStatements"/>), the same thread
/// that commits the report logs with their audit entries: one chain, one head, one fsync per group. Earlier builds kept
/// the trail in a separate <c>audit.db</c> (<see cref="FileName"/>); the storage moves it in at open
/// (<see cref="SqliteGrainStorageOptions.LegacyAuditFile"/>).</para>
/// </remarks>
public sealed class SqliteAuditStore(SqliteGrainStorage storage) : IAuditStore
{
    /// <summary>The separate audit file of earlier builds.</summary>
    public const string FileName = "audit.db";

    public async Task<ImmutableArray<AuditRecord>> AppendAsync(IReadOnlyList<AuditRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0) return [];
        var committed = await storage.EnqueueLog(new SqliteLogCommit(null, [.. entries])).ConfigureAwait(false);
        return committed.Audit;
    }

    public Task<ImmutableArray<AuditRecord>> QueryAsync(AuditQuery query) => Task.Run(() => storage.Read(connection =>
    {
        using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.From is { } from) { where.Add("at_ticks >= $from"); command.Parameters.AddWithValue("$from", from.UtcTicks); }
        if (query.Until is { } until) { where.Add("at_ticks < $until"); command.Parameters.AddWithValue("$until", until.UtcTicks); }
        if (query.Action is { } action) { where.Add("action = $action"); command.Parameters.AddWithValue("$action", action); }
        if (query.Actor is { } actor) { where.Add("actor = $actor"); command.Parameters.AddWithValue("$actor", actor); }
        if (query.BeforeSeq is { } before) { where.Add("seq < $before"); command.Parameters.AddWithValue("$before", before); }
        command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, 10_000));
        command.CommandText = $"SELECT seq, at, actor, role, unit, address, action, subject, detail, hash FROM {SqliteSchema.AuditTable}"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + (query.OldestFirst ? " ORDER BY seq ASC" : " ORDER BY seq DESC") + " LIMIT $limit;";
        using var reader = command.ExecuteReader();
        var result = ImmutableArray.CreateBuilder<AuditRecord>();
        while (reader.Read()) result.Add(AuditRows.Read(reader));
        return result.ToImmutable();
    }));

    public Task<long?> VerifyAsync() => Task.Run(() => storage.Read(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT seq, at, actor, role, unit, address, action, subject, detail, hash FROM {SqliteSchema.AuditTable} ORDER BY seq ASC;";
        using var reader = command.ExecuteReader();
        return AuditChain.FirstBroken(AuditRows.All(reader), r => (r.Seq, r.At, r.Actor, r.Role, r.Unit, r.Address, r.Action, r.Subject, r.Detail, r.Hash));
    }));
}
