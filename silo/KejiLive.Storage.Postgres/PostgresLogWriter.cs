using System.Collections.Immutable;
using System.Globalization;
using System.Net.Sockets;
using System.Threading.Channels;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Storage;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace KejiLive.Storage.Postgres;

/// <summary>
/// The one writer of a process for report logs and the audit trail in PostgreSQL: <see cref="PostgresReportLogStore"/>
/// commits and <see cref="PostgresAuditStore"/> appends go through the same group commit, as the SQLite writer thread
/// does for <c>keji.db</c>.
/// </summary>
/// <remarks>
/// <para>One loop takes every commit queued so far, runs them in one transaction and commits once
/// (<c>synchronous_commit=on</c>: one WAL flush for the group). No caller's task completes before that commit returned;
/// if it fails, every caller of the group gets the error and nothing of the group is stored.</para>
/// <para>When the group carries audit entries, the transaction first takes the chain's advisory lock and reads the head
/// (<see cref="PostgresAuditStore.LockHeadAsync"/>), as every append of every silo does, so the cluster's chain stays
/// one sequence without gaps whoever appends.</para>
/// <para>Each commit runs under its own savepoint: a version conflict (<see cref="InconsistentStateException"/>) or a
/// statement the server refuses undoes that commit alone — its summary, rows and audit entries — and the rest of the
/// group commits. Report commits run in key order (bare audit appends first), so two silos lock summary rows in the
/// same order.</para>
/// </remarks>
internal sealed class PostgresLogWriter : IAsyncDisposable
{
    private const int MaxGroup = 256;

    private const string InsertHeadSql = $"""
        INSERT INTO {PostgresSchema.ReportHeadTable} (grain_key, version, light, judged_at, reports, updated_at, light_since)
        VALUES ($1, 1, $2, $3, $4, $5, $6) ON CONFLICT (grain_key) DO NOTHING RETURNING version
        """;

    private const string UpdateHeadSql = $"""
        UPDATE {PostgresSchema.ReportHeadTable} SET version = version + 1, light = $2, judged_at = $3, reports = $4, updated_at = $5, light_since = $6
        WHERE grain_key = $1 AND version = $7 RETURNING version
        """;

    private const string InsertRowSql = $"INSERT INTO {PostgresSchema.ReportLogTable} (grain_key, position, report_id, payload) VALUES ($1, $2, $3, $4)";

    private const string UpdateRowSql = $"UPDATE {PostgresSchema.ReportLogTable} SET payload = $4 WHERE grain_key = $1 AND position = $2 AND report_id = $3";

    private readonly Channel<Pending> _channel = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly string _connectionString;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly Task _loop;
    private Task? _schema;
    private NpgsqlConnection? _writer;

    /// <param name="connectionString">Npgsql connection string of the cluster's database.</param>
    /// <param name="timeProvider">Clock for <c>updated_at</c>; <see cref="TimeProvider.System"/> when null.</param>
    public PostgresLogWriter(string connectionString, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _connectionString = connectionString;
        _timeProvider = timeProvider ?? TimeProvider.System;
        DataSource = PostgresConnections.CreateDataSource(connectionString, "KejiLive report log and audit");
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Connections for reads (the writer keeps its own).</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>Connects and creates the audit and report log tables when missing. Operations call it lazily.</summary>
    /// <exception cref="PostgresUnavailableException">The server cannot be used.</exception>
    public Task StartAsync()
    {
        lock (_gate)
        {
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled) _schema = MigrateAsync();
            return _schema;
        }
    }

    /// <summary>Queues a report log commit with its audit entries, or (<paramref name="commit"/> null) a bare audit
    /// append; completes once the group holding it committed.</summary>
    /// <param name="owner">Named in the error when the writer is closed.</param>
    public Task<ReportLogCommitted> CommitAsync(ReportLogCommit? commit, ImmutableArray<AuditRecord> audit, string owner)
    {
        var pending = new Pending(commit, audit, new TaskCompletionSource<ReportLogCommitted>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_channel.Writer.TryWrite(pending)) throw new ObjectDisposedException(owner, "the report log and audit writer is closed");
        return pending.Done.Task;
    }

    /// <summary>Stops accepting commits, commits those already queued, then closes the connections.</summary>
    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        if (_writer is not null)
        {
            await _writer.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }

        await DataSource.DisposeAsync().ConfigureAwait(false);
    }

    private async Task MigrateAsync()
    {
        try
        {
            var connection = await DataSource.OpenConnectionAsync().ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await PostgresSchema.MigrateAuditAsync(connection, CancellationToken.None).ConfigureAwait(false);
                await PostgresSchema.MigrateReportLogAsync(connection, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw PostgresConnections.Unavailable(_connectionString, e);
        }
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        var batch = new List<Pending>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxGroup && reader.TryRead(out var next)) batch.Add(next);
            await CommitGroupAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task CommitGroupAsync(List<Pending> batch)
    {
        var ordered = batch.OrderBy(p => p.Commit?.Key ?? "", StringComparer.Ordinal).ToList();
        var outcomes = new List<(Pending Pending, ReportLogCommitted? Done, Exception? Error)>(ordered.Count);
        try
        {
            await StartAsync().ConfigureAwait(false);
            var connection = await WriterAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            var (seq, hash) = ordered.Any(p => !p.Audit.IsEmpty)
                ? await PostgresAuditStore.LockHeadAsync(connection, transaction).ConfigureAwait(false)
                : (0L, AuditChain.Genesis);
            var updatedAt = _timeProvider.GetUtcNow().ToUniversalTime();
            foreach (var pending in ordered)
            {
                var (done, error, nextSeq, nextHash) = await ApplyAsync(connection, transaction, pending, seq, hash, updatedAt).ConfigureAwait(false);
                outcomes.Add((pending, done, error));
                (seq, hash) = (nextSeq, nextHash);
            }

            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Nothing of the group is stored; the next group reads the chain head again under the lock.
            await DropBrokenWriterAsync().ConfigureAwait(false);
            foreach (var pending in batch) pending.Done.TrySetException(e);
            return;
        }

        foreach (var (pending, done, error) in outcomes)
        {
            if (done is not null) pending.Done.TrySetResult(done);
            else pending.Done.TrySetException(error!);
        }
    }

    /// <summary>One commit under a savepoint: the summary (with its version check), the rows, the audit entries.</summary>
    private static async Task<(ReportLogCommitted? Done, Exception? Error, long Seq, string Hash)> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Pending pending, long seq, string hash, DateTimeOffset updatedAt)
    {
        await transaction.SaveAsync("log_commit").ConfigureAwait(false);
        var (startSeq, startHash) = (seq, hash);
        var commit = pending.Commit;
        try
        {
            if (commit is not null && !await WriteHeadAsync(connection, transaction, commit, updatedAt).ConfigureAwait(false))
            {
                await transaction.ReleaseAsync("log_commit").ConfigureAwait(false);
                return (null, await ConflictAsync(connection, transaction, commit).ConfigureAwait(false), seq, hash);
            }

            await using var batch = new NpgsqlBatch(connection, transaction);
            if (commit is not null)
            {
                foreach (var row in commit.Appended) batch.BatchCommands.Add(RowCommand(InsertRowSql, commit.Key, row));
                foreach (var row in commit.Updated) batch.BatchCommands.Add(RowCommand(UpdateRowSql, commit.Key, row));
            }

            var stored = ImmutableArray.CreateBuilder<AuditRecord>(pending.Audit.Length);
            foreach (var entry in pending.Audit)
            {
                seq++;
                hash = AuditChain.Hash(hash, seq, entry.At, entry.Actor, entry.Role, entry.Unit, entry.Address, entry.Action, entry.Subject, entry.Detail);
                var row = entry with { Seq = seq, Hash = hash };
                batch.BatchCommands.Add(PostgresAuditStore.InsertCommand(row));
                stored.Add(row);
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync().ConfigureAwait(false);
                if (commit is not null) CheckRewritten(commit, batch);
            }

            await transaction.ReleaseAsync("log_commit").ConfigureAwait(false);
            return (new ReportLogCommitted((commit?.ExpectedVersion ?? -1) + 1, stored.MoveToImmutable()), null, seq, hash);
        }
        catch (Exception e) when (e is PostgresException or InvalidOperationException)
        {
            await transaction.RollbackAsync("log_commit").ConfigureAwait(false);
            // The chain goes on from where this commit started: none of its entries exists.
            return (null, e, startSeq, startHash);
        }
    }

    private static async Task<bool> WriteHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ReportLogCommit commit, DateTimeOffset updatedAt)
    {
        await using var head = new NpgsqlCommand(commit.ExpectedVersion == 0 ? InsertHeadSql : UpdateHeadSql, connection, transaction);
        head.Parameters.Add(Text(commit.Key));
        head.Parameters.Add(Text(commit.Summary.Light));
        head.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)commit.Summary.JudgedAt?.ToString("O", CultureInfo.InvariantCulture) ?? DBNull.Value });
        head.Parameters.Add(new NpgsqlParameter<int> { TypedValue = commit.Summary.Reports });
        head.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = updatedAt });
        head.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)commit.Summary.LightSince?.ToString("O", CultureInfo.InvariantCulture) ?? DBNull.Value });
        if (commit.ExpectedVersion != 0) head.Parameters.Add(new NpgsqlParameter<long> { TypedValue = commit.ExpectedVersion });
        return await head.ExecuteScalarAsync().ConfigureAwait(false) is not null;
    }

    /// <summary>Every rewritten row must exist: a rewrite of a missing row is a bug in the caller, never a silent no-op.</summary>
    private static void CheckRewritten(ReportLogCommit commit, NpgsqlBatch batch)
    {
        var updates = commit.Appended.Length;
        for (var i = 0; i < commit.Updated.Length; i++)
        {
            if (batch.BatchCommands[updates + i].RecordsAffected != 1)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL report log: {commit.Key} has no row {commit.Updated[i].Position} ({commit.Updated[i].ReportId}) to rewrite.");
            }
        }
    }

    private static NpgsqlBatchCommand RowCommand(string sql, string key, ReportLogRow row) => new(sql)
    {
        Parameters = { Text(key), new NpgsqlParameter<int> { TypedValue = row.Position }, Text(row.ReportId), Text(row.Payload) },
    };

    private static async Task<InconsistentStateException> ConflictAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ReportLogCommit commit)
    {
        await using var select = new NpgsqlCommand($"SELECT version FROM {PostgresSchema.ReportHeadTable} WHERE grain_key = $1", connection, transaction);
        select.Parameters.Add(Text(commit.Key));
        var stored = await select.ExecuteScalarAsync().ConfigureAwait(false) is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
        var expected = commit.ExpectedVersion == 0 ? null : commit.ExpectedVersion.ToString(CultureInfo.InvariantCulture);
        return new InconsistentStateException(
            $"PostgreSQL report log: commit of {commit.Key} expected version {expected ?? "none"} but the stored version is {stored ?? "none"}.",
            stored, expected);
    }

    internal static NpgsqlParameter<string> Text(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    private async Task<NpgsqlConnection> WriterAsync()
    {
        if (_writer is { State: System.Data.ConnectionState.Open } open) return open;
        await DropBrokenWriterAsync().ConfigureAwait(false);
        _writer = await DataSource.OpenConnectionAsync().ConfigureAwait(false);
        return _writer;
    }

    private async Task DropBrokenWriterAsync()
    {
        if (_writer is { State: not System.Data.ConnectionState.Open } broken)
        {
            await broken.DisposeAsync().ConfigureAwait(false);
            _writer = null;
        }
    }

    private sealed record Pending(ReportLogCommit? Commit, ImmutableArray<AuditRecord> Audit, TaskCompletionSource<ReportLogCommitted> Done);
}
