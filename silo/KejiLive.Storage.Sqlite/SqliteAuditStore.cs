using System.Collections.Immutable;
using System.Globalization;
using System.Threading.Channels;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;
using Microsoft.Data.Sqlite;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// The audit log in its own SQLite file (<c>audit.db</c> beside the grain state), append-only and hash-chained.
/// </summary>
/// <remarks>
/// <para>Append-only twice over: this class has no update or delete, and triggers in the file refuse both, so a later
/// build or a hand with the sqlite3 shell cannot edit history by accident. A deliberate edit (dropping the triggers)
/// still breaks the hash chain, which <see cref="VerifyAsync"/> reports.</para>
/// <para>Durable like the grain state: WAL with <c>synchronous=FULL</c>, one dedicated writer thread committing every
/// append queued so far in one transaction (one fsync per group), and no caller's task completes before its commit.
/// A separate file keeps the audit's writer from waiting on the grain storage's lock and the other way round.</para>
/// </remarks>
public sealed class SqliteAuditStore : IAuditStore, IDisposable
{
    public const string FileName = "audit.db";

    private readonly Channel<Pending> _channel = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _path;
    private readonly SqliteConnection _writer;
    private readonly Thread _thread;
    private long _lastSeq;
    private string _lastHash = AuditChain.Genesis;

    public SqliteAuditStore(string databasePath)
    {
        _path = databasePath;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _writer = SqliteSchema.Open(databasePath, TimeSpan.FromSeconds(10));
        Execute("PRAGMA journal_mode = WAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS audit (
                seq      INTEGER PRIMARY KEY,
                at_ticks INTEGER NOT NULL,
                at       TEXT NOT NULL,
                actor    TEXT NOT NULL,
                role     TEXT NOT NULL,
                unit     TEXT,
                address  TEXT NOT NULL,
                action   TEXT NOT NULL,
                subject  TEXT NOT NULL,
                detail   TEXT NOT NULL,
                hash     TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS audit_at ON audit (at_ticks);
            CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
            """);
        using (var last = _writer.CreateCommand())
        {
            last.CommandText = "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1;";
            using var reader = last.ExecuteReader();
            if (reader.Read())
            {
                _lastSeq = reader.GetInt64(0);
                _lastHash = reader.GetString(1);
            }
        }
        _thread = new Thread(Run) { IsBackground = true, Name = "sqlite-audit-writer" };
        _thread.Start();
    }

    public Task<ImmutableArray<AuditRecord>> AppendAsync(IReadOnlyList<AuditRecord> entries)
    {
        if (entries.Count == 0) return Task.FromResult(ImmutableArray<AuditRecord>.Empty);
        var pending = new Pending(entries, new TaskCompletionSource<ImmutableArray<AuditRecord>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_channel.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(SqliteAuditStore), "the audit log is closed");
        return pending.Done.Task;
    }

    public Task<ImmutableArray<AuditRecord>> QueryAsync(AuditQuery query) => Task.Run(() =>
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        var where = new List<string>();
        if (query.From is { } from) { where.Add("at_ticks >= $from"); command.Parameters.AddWithValue("$from", from.UtcTicks); }
        if (query.Until is { } until) { where.Add("at_ticks < $until"); command.Parameters.AddWithValue("$until", until.UtcTicks); }
        if (query.Action is { } action) { where.Add("action = $action"); command.Parameters.AddWithValue("$action", action); }
        if (query.Actor is { } actor) { where.Add("actor = $actor"); command.Parameters.AddWithValue("$actor", actor); }
        if (query.BeforeSeq is { } before) { where.Add("seq < $before"); command.Parameters.AddWithValue("$before", before); }
        command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, 10_000));
        command.CommandText = "SELECT seq, at, actor, role, unit, address, action, subject, detail, hash FROM audit"
            + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
            + (query.OldestFirst ? " ORDER BY seq ASC" : " ORDER BY seq DESC") + " LIMIT $limit;";
        using var reader = command.ExecuteReader();
        var result = ImmutableArray.CreateBuilder<AuditRecord>();
        while (reader.Read()) result.Add(AuditRows.Read(reader));
        return result.ToImmutable();
    });

    public Task<long?> VerifyAsync() => Task.Run(() =>
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, actor, role, unit, address, action, subject, detail, hash FROM audit ORDER BY seq ASC;";
        using var reader = command.ExecuteReader();
        return AuditChain.FirstBroken(AuditRows.All(reader), r => (r.Seq, r.At, r.Actor, r.Role, r.Unit, r.Address, r.Action, r.Subject, r.Detail, r.Hash));
    });

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _thread.Join();
        _writer.Dispose();
    }


    private SqliteConnection OpenReader() => SqliteSchema.Open(_path, TimeSpan.FromSeconds(10));

    private void Run()
    {
        var reader = _channel.Reader;
        var batch = new List<Pending>();
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < 256 && reader.TryRead(out var next)) batch.Add(next);
            Commit(batch);
        }
    }

    private void Commit(List<Pending> batch)
    {
        var seq = _lastSeq;
        var hash = _lastHash;
        var stored = new List<ImmutableArray<AuditRecord>>(batch.Count);
        try
        {
            using var transaction = _writer.BeginTransaction();
            using var insert = _writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO audit (seq, at_ticks, at, actor, role, unit, address, action, subject, detail, hash)
                VALUES ($seq, $ticks, $at, $actor, $role, $unit, $address, $action, $subject, $detail, $hash);
                """;
            foreach (var pending in batch)
            {
                var written = ImmutableArray.CreateBuilder<AuditRecord>(pending.Entries.Count);
                foreach (var entry in pending.Entries)
                {
                    seq++;
                    hash = AuditChain.Hash(hash, seq, entry.At, entry.Actor, entry.Role, entry.Unit, entry.Address, entry.Action, entry.Subject, entry.Detail);
                    var row = entry with { Seq = seq, Hash = hash };
                    insert.Parameters.Clear();
                    insert.Parameters.AddWithValue("$seq", row.Seq);
                    insert.Parameters.AddWithValue("$ticks", row.At.UtcTicks);
                    insert.Parameters.AddWithValue("$at", row.At.ToString("O", CultureInfo.InvariantCulture));
                    insert.Parameters.AddWithValue("$actor", row.Actor);
                    insert.Parameters.AddWithValue("$role", row.Role);
                    insert.Parameters.AddWithValue("$unit", (object?)row.Unit ?? DBNull.Value);
                    insert.Parameters.AddWithValue("$address", row.Address);
                    insert.Parameters.AddWithValue("$action", row.Action);
                    insert.Parameters.AddWithValue("$subject", row.Subject);
                    insert.Parameters.AddWithValue("$detail", row.Detail);
                    insert.Parameters.AddWithValue("$hash", row.Hash);
                    insert.ExecuteNonQuery();
                    written.Add(row);
                }
                stored.Add(written.MoveToImmutable());
            }
            transaction.Commit();
        }
        catch (Exception e)
        {
            // Nothing of the batch is stored; the chain goes on from the last committed entry.
            foreach (var pending in batch) pending.Done.TrySetException(e);
            return;
        }
        _lastSeq = seq;
        _lastHash = hash;
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(stored[i]);
    }

    private void Execute(string sql)
    {
        using var command = _writer.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private sealed record Pending(IReadOnlyList<AuditRecord> Entries, TaskCompletionSource<ImmutableArray<AuditRecord>> Done);
}
