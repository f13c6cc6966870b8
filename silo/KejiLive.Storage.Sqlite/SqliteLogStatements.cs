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

    private readonly SqliteCommand _insertHead;
    private readonly SqliteCommand _updateHead;
    private readonly SqliteCommand _selectHead;
    private readonly SqliteCommand _insertRow;
    private readonly SqliteCommand _updateRow;
    private readonly SqliteCommand _insertAudit;
    private readonly SqliteCommand _save;
    private readonly SqliteCommand _release;
    private readonly string _providerName;
    private long _committedSeq;
    private string _committedHash = AuditChain.Genesis;
    private long _seq;
    private string _hash = AuditChain.Genesis;

    public SqliteLogStatements(SqliteConnection connection, string providerName)
    {
        _providerName = providerName;
        SqliteCommand Command(string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name });
            return command;
        }

        _insertHead = Command($"""
            INSERT INTO {SqliteSchema.ReportHeadTable} (grain_key, version, light, judged_at, reports, updated_at, light_since)
            VALUES ($key, 1, $light, $judged, $reports, $updated, $since) ON CONFLICT (grain_key) DO NOTHING;
            """, "$key", "$light", "$judged", "$reports", "$updated", "$since");
        _updateHead = Command($"""
            UPDATE {SqliteSchema.ReportHeadTable} SET version = version + 1, light = $light, judged_at = $judged, reports = $reports, updated_at = $updated, light_since = $since
            WHERE grain_key = $key AND version = $expected;
            """, "$key", "$light", "$judged", "$reports", "$updated", "$since", "$expected");
        _selectHead = Command($"SELECT version FROM {SqliteSchema.ReportHeadTable} WHERE grain_key = $key;", "$key");
        _insertRow = Command($"""
            INSERT INTO {SqliteSchema.ReportLogTable} (grain_key, position, report_id, payload) VALUES ($key, $position, $id, $payload);
            """, "$key", "$position", "$id", "$payload");
        _updateRow = Command($"""
            UPDATE {SqliteSchema.ReportLogTable} SET payload = $payload WHERE grain_key = $key AND position = $position AND report_id = $id;
            """, "$key", "$position", "$id", "$payload");
        _insertAudit = Command($"""
            INSERT INTO {SqliteSchema.AuditTable} (seq, at_ticks, at, actor, role, unit, address, action, subject, detail, hash)
            VALUES ($seq, $ticks, $at, $actor, $role, $unit, $address, $action, $subject, $detail, $hash);
            """, "$seq", "$ticks", "$at", "$actor", "$role", "$unit", "$address", "$action", "$subject", "$detail", "$hash");
        // Prepared once: SqliteTransaction.Save/Release compile their statement on every call, twice per report.
        _save = Command($"SAVEPOINT {Savepoint};");
        _release = Command($"RELEASE {Savepoint};");
        using var head = Command($"SELECT seq, hash FROM {SqliteSchema.AuditTable} ORDER BY seq DESC LIMIT 1;");
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
        Run(_save, transaction);
        var seq = _seq;
        var hash = _hash;
        try
        {
            long version = 0;
            if (operation.Commit is { } commit)
            {
                if (!WriteHead(commit, transaction, updatedAt))
                {
                    Run(_release, transaction);
                    return (null, Conflict(commit, transaction));
                }

                version = commit.ExpectedVersion + 1;
                foreach (var row in commit.Appended) Row(_insertRow, commit.Key, row, transaction);
                foreach (var row in commit.Updated)
                {
                    if (Row(_updateRow, commit.Key, row, transaction) != 1)
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
                InsertAudit(row, transaction);
                stored.Add(row);
            }

            Run(_release, transaction);
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

    private static void Run(SqliteCommand command, SqliteTransaction transaction)
    {
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private bool WriteHead(ReportLogCommit commit, SqliteTransaction transaction, string updatedAt)
    {
        var command = commit.ExpectedVersion == 0 ? _insertHead : _updateHead;
        command.Transaction = transaction;
        command.Parameters["$key"].Value = commit.Key;
        command.Parameters["$light"].Value = commit.Summary.Light;
        command.Parameters["$judged"].Value = commit.Summary.JudgedAt is { } judged ? judged.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value;
        command.Parameters["$reports"].Value = commit.Summary.Reports;
        command.Parameters["$since"].Value = commit.Summary.LightSince is { } since ? since.ToString("O", CultureInfo.InvariantCulture) : DBNull.Value;
        command.Parameters["$updated"].Value = updatedAt;
        if (commit.ExpectedVersion != 0) command.Parameters["$expected"].Value = commit.ExpectedVersion;
        return command.ExecuteNonQuery() == 1;
    }

    private InconsistentStateException Conflict(ReportLogCommit commit, SqliteTransaction transaction)
    {
        _selectHead.Transaction = transaction;
        _selectHead.Parameters["$key"].Value = commit.Key;
        var stored = _selectHead.ExecuteScalar() is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
        var expected = commit.ExpectedVersion == 0 ? null : commit.ExpectedVersion.ToString(CultureInfo.InvariantCulture);
        return new InconsistentStateException(
            $"SQLite report log '{_providerName}': commit of {commit.Key} expected version {expected ?? "none"} but the stored version is {stored ?? "none"}.",
            stored, expected);
    }

    private static int Row(SqliteCommand command, string key, ReportLogRow row, SqliteTransaction transaction)
    {
        command.Transaction = transaction;
        command.Parameters["$key"].Value = key;
        command.Parameters["$position"].Value = row.Position;
        command.Parameters["$id"].Value = row.ReportId;
        command.Parameters["$payload"].Value = row.Payload;
        return command.ExecuteNonQuery();
    }

    private void InsertAudit(AuditRecord row, SqliteTransaction transaction)
    {
        var p = _insertAudit.Parameters;
        _insertAudit.Transaction = transaction;
        p["$seq"].Value = row.Seq;
        p["$ticks"].Value = row.At.UtcTicks;
        p["$at"].Value = row.At.ToString("O", CultureInfo.InvariantCulture);
        p["$actor"].Value = row.Actor;
        p["$role"].Value = row.Role;
        p["$unit"].Value = (object?)row.Unit ?? DBNull.Value;
        p["$address"].Value = row.Address;
        p["$action"].Value = row.Action;
        p["$subject"].Value = row.Subject;
        p["$detail"].Value = row.Detail;
        p["$hash"].Value = row.Hash;
        _insertAudit.ExecuteNonQuery();
    }
}
