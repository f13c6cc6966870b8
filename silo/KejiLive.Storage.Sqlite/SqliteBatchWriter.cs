using System.Globalization;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// The single writer of one database file: group commit over a channel.
/// </summary>
/// <remarks>
/// <para>With <c>synchronous=FULL</c> every commit costs an fsync (milliseconds), so one transaction per write would cap
/// throughput at a few hundred writes per second. Instead, one dedicated thread takes every write queued so far (up to
/// the batch size), applies them all in one transaction and commits once: one fsync for the whole batch. A lone write
/// is never delayed waiting for company; batches grow by themselves while the previous commit is syncing.</para>
/// <para>Each statement carries its own ETag check, so a conflicting write fails alone with an
/// <see cref="InconsistentStateException"/> while the rest of its batch commits. No caller's task completes before
/// the commit that holds its write returned; if the commit itself fails, every caller in the batch gets that error
/// and nothing of the batch is stored.</para>
/// <para>The thread is dedicated (not a pool thread) because SQLite calls block, and an fsync blocking a pool thread
/// would take a worker away from Orleans' scheduler on small machines.</para>
/// </remarks>
internal sealed class SqliteBatchWriter : IDisposable
{
    private readonly Channel<SqliteQueued> _channel = Channel.CreateUnbounded<SqliteQueued>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<SqliteQueued> _batch = [];
    private readonly List<(SqliteWriteOperation Operation, long? NewVersion)> _succeeded = [];
    private readonly List<(SqliteQueued Operation, Exception Error)> _conflicts = [];
    private readonly List<(SqliteLogCommit Operation, KejiLive.Grains.Abstractions.Storage.ReportLogCommitted Done)> _logged = [];
    private readonly SqliteLogStatements _log;
    private readonly SqliteConnection _connection;
    private readonly RawStatement _insert;
    private readonly RawStatement _update;
    private readonly RawStatement _delete;
    private readonly RawStatement _selectVersion;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _providerName;
    private readonly int _maxBatchSize;
    private readonly Thread _thread;

    public SqliteBatchWriter(
        SqliteConnection connection, TimeProvider timeProvider, ILogger logger, string providerName, int maxBatchSize)
    {
        _connection = connection;
        _timeProvider = timeProvider;
        _logger = logger;
        _providerName = providerName;
        _maxBatchSize = maxBatchSize;
        const string Table = SqliteSchema.TableName;
        // Parameters by position: ?1 state name, ?2 grain id, ?3 grain type, ?4 payload, ?5 updated at, ?6 expected version.
        _insert = new RawStatement(connection, $"""
            INSERT INTO {Table} (state_name, grain_id, grain_type, version, payload, updated_at)
            VALUES (?1, ?2, ?3, 1, ?4, ?5)
            ON CONFLICT (state_name, grain_id) DO NOTHING;
            """);
        _update = new RawStatement(connection, $"""
            UPDATE {Table} SET version = version + 1, grain_type = ?3, payload = ?4, updated_at = ?5
            WHERE state_name = ?1 AND grain_id = ?2 AND version = ?6;
            """);
        _delete = new RawStatement(connection, $"DELETE FROM {Table} WHERE state_name = ?1 AND grain_id = ?2 AND version = ?6;");
        _selectVersion = new RawStatement(connection, $"SELECT version FROM {Table} WHERE state_name = ?1 AND grain_id = ?2;");
        _log = new SqliteLogStatements(connection, providerName);
        _thread = new Thread(Run) { IsBackground = true, Name = $"sqlite-grain-storage-{providerName}" };
    }

    public void Start() => _thread.Start();

    /// <summary>Queues a write; false once the writer has been told to stop.</summary>
    public bool TryEnqueue(SqliteQueued operation) => _channel.Writer.TryWrite(operation);

    /// <summary>Stops accepting writes, commits everything already queued, then completes.</summary>
    public Task DrainAsync()
    {
        _channel.Writer.TryComplete();
        return _stopped.Task;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _update.Dispose();
        _delete.Dispose();
        _selectVersion.Dispose();
        _log.Dispose();
    }

    private void Run()
    {
        try
        {
            var reader = _channel.Reader;
            while (WaitToRead(reader))
            {
                while (_batch.Count < _maxBatchSize && reader.TryRead(out var operation))
                {
                    _batch.Add(operation);
                }

                CommitBatch();
            }

            _stopped.TrySetResult();
        }
        catch (Exception exception)
        {
            // Not expected (CommitBatch handles its own errors); never leave a caller waiting forever.
            _logger.LogCritical(exception, "SQLite grain storage '{Provider}': writer loop failed", _providerName);
            _channel.Writer.TryComplete(exception);
            foreach (var operation in _batch)
            {
                operation.Fail(exception);
            }

            while (_channel.Reader.TryRead(out var operation))
            {
                operation.Fail(exception);
            }

            _stopped.TrySetException(exception);
        }
    }

    private static bool WaitToRead(ChannelReader<SqliteQueued> reader)
    {
        var wait = reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void CommitBatch()
    {
        var updatedAt = _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        SqliteTransaction? transaction = null;
        try
        {
            transaction = _connection.BeginTransaction(deferred: false);
            _log.BeginBatch();
            foreach (var queued in _batch)
            {
                if (queued is SqliteWriteOperation operation)
                {
                    Apply(operation, updatedAt);
                }
                else
                {
                    ApplyLog((SqliteLogCommit)queued, transaction, updatedAt);
                }
            }

            transaction.Commit();
            _log.EndBatch(committed: true);
        }
        catch (Exception exception)
        {
            _logger.LogError(
                exception, "SQLite grain storage '{Provider}': batch of {Count} writes failed; none was stored",
                _providerName, _batch.Count);
            _log.EndBatch(committed: false);
            RollBack(transaction);
            foreach (var operation in _batch)
            {
                operation.Fail(exception);
            }

            Reset();
            transaction?.Dispose();
            return;
        }

        transaction.Dispose();
        foreach (var (operation, newVersion) in _succeeded)
        {
            operation.Succeed(newVersion);
        }

        foreach (var (operation, done) in _logged)
        {
            operation.Succeed(done);
        }

        foreach (var (operation, error) in _conflicts)
        {
            operation.Fail(error);
        }

        Reset();
    }

    private void ApplyLog(SqliteLogCommit operation, SqliteTransaction transaction, string updatedAt)
    {
        var (done, error) = _log.Apply(operation, transaction, updatedAt);
        if (done is not null)
        {
            _logged.Add((operation, done));
        }
        else
        {
            _conflicts.Add((operation, error!));
        }
    }

    private void Apply(SqliteWriteOperation operation, string updatedAt)
    {
        var expected = operation.ExpectedVersion;
        bool applied;
        if (operation.IsDelete && expected is null)
        {
            // Clearing with no ETag succeeds only when there is nothing to clear.
            applied = SelectVersion(operation) is null;
        }
        else
        {
            var command = operation.IsDelete ? _delete : expected is null ? _insert : _update;
            command.Text(1, operation.StateName).Text(2, operation.GrainId);
            if (!operation.IsDelete)
            {
                command.Text(3, operation.GrainType).Text(4, operation.Payload).Text(5, updatedAt);
            }

            if (expected is not null)
            {
                command.Int(6, expected.Value);
            }

            applied = command.Execute() == 1;
        }

        if (applied)
        {
            _succeeded.Add((operation, operation.IsDelete ? null : (expected ?? 0) + 1));
            return;
        }

        var stored = SelectVersion(operation);
        _conflicts.Add((operation, operation.Conflict(_providerName, stored)));
    }

    private long? SelectVersion(SqliteWriteOperation operation) =>
        _selectVersion.Text(1, operation.StateName).Text(2, operation.GrainId).FirstInt64();

    private void RollBack(SqliteTransaction? transaction)
    {
        try
        {
            transaction?.Rollback();
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "SQLite grain storage '{Provider}': rollback after a failed batch failed", _providerName);
        }
    }

    private void Reset()
    {
        _batch.Clear();
        _succeeded.Clear();
        _conflicts.Clear();
        _logged.Clear();
    }
}
