using System.Collections.Immutable;
using System.Globalization;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Storage;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// The writer thread's statements for report logs and the audit trail, and the audit chain's head.
/// </summary>
/// <remarks>
/// <para>Each <see cref="SqliteLogCommit"/> runs under its own savepoint inside the batch's transaction: a version
/// conflict or a statement the database refuses undoes that commit alone (its rows and its audit entries alike) and
/// the rest of the batch commits. The chain head advances per applied commit and becomes the committed head only when
/// the batch's transaction committed (<see cref="EndBatch"/>); after a failed batch the next one hashes on from the last
/// committed entry, as <see cref="AuditChain"/> requires.</para>
/// </remarks>
internal sealed class SqliteLogStatements : IDisposable
{
    private const string Savepoint = "log_commit";

    private readonly RawStatement _insertHead;
    private readonly RawStatement _updateHead;
    private readonly RawStatement _selectHead;
    private readonly RawStatement _insertRow;
    private readonly RawStatement _updateRow;
    private readonly RawStatement _insertAudit;
    private readonly RawStatement _save;
    private readonly RawStatement _release;
    private readonly string _providerName;
    private long _committedSeq;
    private string _committedHash = AuditChain.Genesis;
    private long _seq;
    private string _hash = AuditChain.Genesis;

    public SqliteLogStatements(SqliteConnection connection, string providerName)
    {
        _providerName = providerName;
        // Parameters by position (?1, ?2, …), bound in that order below.
        _insertHead = new RawStatement(connection, $"""
            INSERT INTO {SqliteSchema.ReportHeadTable} (grain_key, version, light, judged_at, reports, updated_at, light_since)
            VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (grain_key) DO NOTHING;
            """);
        _updateHead = new RawStatement(connection, $"""
            UPDATE {SqliteSchema.ReportHeadTable} SET version = version + 1, light = ?2, judged_at = ?3, reports = ?4, updated_at = ?5, light_since = ?6
            WHERE grain_key = ?1 AND version = ?7;
            """);
        _selectHead = new RawStatement(connection, $"SELECT version FROM {SqliteSchema.ReportHeadTable} WHERE grain_key = ?1;");
        _insertRow = new RawStatement(connection, $"""
            INSERT INTO {SqliteSchema.ReportLogTable} (grain_key, position, report_id, payload) VALUES (?1, ?2, ?3, ?4);
            """);
        _updateRow = new RawStatement(connection, $"""
            UPDATE {SqliteSchema.ReportLogTable} SET payload = ?4 WHERE grain_key = ?1 AND position = ?2 AND report_id = ?3;
            """);
        _insertAudit = new RawStatement(connection, $"""
            INSERT INTO {SqliteSchema.AuditTable} (seq, at_ticks, at, actor, role, unit, address, action, subject, detail, hash)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11);
            """);
        // Prepared once: SqliteTransaction.Save/Release compile their statement on every call, twice per report.
        _save = new RawStatement(connection, $"SAVEPOINT {Savepoint};");
        _release = new RawStatement(connection, $"RELEASE {Savepoint};");
        using var head = connection.CreateCommand();
        head.CommandText = $"SELECT seq, hash FROM {SqliteSchema.AuditTable} ORDER BY seq DESC LIMIT 1;";
        using var reader = head.ExecuteReader();
        if (reader.Read())
        {
            _committedSeq = reader.GetInt64(0);
            _committedHash = reader.GetString(1);
        }
    }

    /// <summary>Starts a batch from the committed chain head.</summary>
    public void BeginBatch()
    {
        _seq = _committedSeq;
        _hash = _committedHash;
    }

    /// <summary>Ends a batch: its chain head becomes the committed one only if the transaction committed.</summary>
    public void EndBatch(bool committed)
    {
        if (!committed) return;
        _committedSeq = _seq;
        _committedHash = _hash;
    }

    /// <summary>Applies one commit under a savepoint. Returns what was stored, or the error of this commit alone (a
    /// version conflict, or a statement the database refused — then nothing of it remains in the transaction).
    /// Throws only when the savepoint itself cannot be undone (the whole batch must fail).</summary>
    public (ReportLogCommitted? Done, Exception? Error) Apply(SqliteLogCommit operation, SqliteTransaction transaction, string updatedAt)
    {
        _save.Execute();
        var seq = _seq;
        var hash = _hash;
        try
        {
            long version = 0;
            if (operation.Commit is { } commit)
            {
                if (!WriteHead(commit, updatedAt))
                {
                    _release.Execute();
                    return (null, Conflict(commit));
                }

                version = commit.ExpectedVersion + 1;
                foreach (var row in commit.Appended) Row(_insertRow, commit.Key, row);
                foreach (var row in commit.Updated)
                {
                    if (Row(_updateRow, commit.Key, row) != 1)
                    {
                        throw new InvalidOperationException(
                            $"SQLite report log '{_providerName}': {commit.Key} has no row {row.Position} ({row.ReportId}) to rewrite.");
                    }
                }
            }

            var stored = ImmutableArray.CreateBuilder<AuditRecord>(operation.Audit.Length);
            foreach (var entry in operation.Audit)
            {
                seq++;
                hash = AuditChain.Hash(hash, seq, entry.At, entry.Actor, entry.Role, entry.Unit, entry.Address, entry.Action, entry.Subject, entry.Detail);
                var row = entry with { Seq = seq, Hash = hash };
                InsertAudit(row);
                stored.Add(row);
            }

            _release.Execute();
            _seq = seq;
            _hash = hash;
            return (new ReportLogCommitted(version, stored.MoveToImmutable()), null);
        }
        catch (Exception exception) when (exception is SqliteException or InvalidOperationException)
        {
            transaction.Rollback(Savepoint);
            transaction.Release(Savepoint);
            return (null, exception);
        }
    }

    public void Dispose()
    {
        _insertHead.Dispose();
        _updateHead.Dispose();
        _selectHead.Dispose();
        _insertRow.Dispose();
        _updateRow.Dispose();
        _insertAudit.Dispose();
        _save.Dispose();
        _release.Dispose();
    }

    private bool WriteHead(ReportLogCommit commit, string updatedAt)
    {
        var command = commit.ExpectedVersion == 0 ? _insertHead : _updateHead;
        command.Text(1, commit.Key)
            .Text(2, commit.Summary.Light)
            .Text(3, commit.Summary.JudgedAt?.ToString("O", CultureInfo.InvariantCulture))
            .Int(4, commit.Summary.Reports)
            .Text(5, updatedAt)
            .Text(6, commit.Summary.LightSince?.ToString("O", CultureInfo.InvariantCulture));
        if (commit.ExpectedVersion != 0) command.Int(7, commit.ExpectedVersion);
        return command.Execute() == 1;
    }

    private InconsistentStateException Conflict(ReportLogCommit commit)
    {
        var stored = _selectHead.Text(1, commit.Key).FirstInt64()?.ToString(CultureInfo.InvariantCulture);
        var expected = commit.ExpectedVersion == 0 ? null : commit.ExpectedVersion.ToString(CultureInfo.InvariantCulture);
        return new InconsistentStateException(
            $"SQLite report log '{_providerName}': commit of {commit.Key} expected version {expected ?? "none"} but the stored version is {stored ?? "none"}.",
            stored, expected);
    }

    private static int Row(RawStatement command, string key, ReportLogRow row) =>
        command.Text(1, key).Int(2, row.Position).Text(3, row.ReportId).Text(4, row.Payload).Execute();

    private void InsertAudit(AuditRecord row) =>
        _insertAudit.Int(1, row.Seq)
            .Int(2, row.At.UtcTicks)
            .Text(3, row.At.ToString("O", CultureInfo.InvariantCulture))
            .Text(4, row.Actor)
            .Text(5, row.Role)
            .Text(6, row.Unit)
            .Text(7, row.Address)
            .Text(8, row.Action)
            .Text(9, row.Subject)
            .Text(10, row.Detail)
            .Text(11, row.Hash)
            .Execute();
}
