using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Orleans.Storage;

namespace KejiLive.Storage.Postgres;

/// <summary>
/// The writer of one provider: group commit over a channel, on one dedicated connection.
/// </summary>
/// <remarks>
/// <para>With <c>synchronous_commit=on</c> every commit waits for a WAL flush. One transaction per write would pay a
/// round trip and a flush each; instead the loop takes every write queued so far (up to the batch size), sends them as
/// one <see cref="NpgsqlBatch"/> inside one transaction and commits once. A lone write is never delayed; batches grow by
/// themselves while the previous commit is flushing.</para>
/// <para>Each statement carries its own ETag check and reports whether it applied (<c>RETURNING</c>), so a conflicting
/// write fails alone with an <see cref="InconsistentStateException"/> while the rest of its batch commits. Any other
/// error (a statement the server rejects, a lost connection, a failed commit) rolls the whole transaction back: every
/// caller in the batch gets that error and nothing of the batch is stored. No caller's task completes before the commit
/// holding its write returned.</para>
/// <para>Statements run in key order, so two silos writing overlapping batches take row locks in the same order and
/// cannot deadlock. The connection is opened at the first batch, and a broken one is replaced at the next.</para>
/// </remarks>
internal sealed class PostgresBatchWriter
{
    private const string Table = PostgresSchema.GrainStateTable;

    private const string InsertSql = $"""
        INSERT INTO {Table} (state_name, grain_id, grain_type, version, payload, updated_at)
        VALUES ($1, $2, $3, 1, $4, $5)
        ON CONFLICT (state_name, grain_id) DO NOTHING
        RETURNING version
        """;

    private const string UpdateSql = $"""
        UPDATE {Table} SET version = version + 1, grain_type = $3, payload = $4, updated_at = $5
        WHERE state_name = $1 AND grain_id = $2 AND version = $6
        RETURNING version
        """;

    private const string DeleteSql = $"DELETE FROM {Table} WHERE state_name = $1 AND grain_id = $2 AND version = $3 RETURNING version";

    private const string SelectVersionSql = $"SELECT version FROM {Table} WHERE state_name = $1 AND grain_id = $2";

    private readonly Channel<PostgresWriteOperation> _channel = Channel.CreateUnbounded<PostgresWriteOperation>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly List<PostgresWriteOperation> _batch = [];
    private readonly NpgsqlDataSource _dataSource;
    private readonly Func<Task> _ensureSchema;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string _providerName;
    private readonly int _maxBatchSize;
    private NpgsqlConnection? _connection;
    private Task _loop = Task.CompletedTask;

    /// <param name="ensureSchema">Connects and creates the schema once (a failed attempt is retried at the next call);
    /// awaited before every batch, so writes queued before the first connection wait for it instead of failing.</param>
    public PostgresBatchWriter(
        NpgsqlDataSource dataSource, Func<Task> ensureSchema, TimeProvider timeProvider, ILogger logger, string providerName, int maxBatchSize)
    {
        _dataSource = dataSource;
        _ensureSchema = ensureSchema;
        _timeProvider = timeProvider;
        _logger = logger;
        _providerName = providerName;
        _maxBatchSize = maxBatchSize;
    }

    /// <summary>Starts the loop; it connects at its first batch.</summary>
    public void Start() => _loop = Task.Run(RunAsync);

    /// <summary>Queues a write; false once the writer has been told to stop.</summary>
    public bool TryEnqueue(PostgresWriteOperation operation) => _channel.Writer.TryWrite(operation);

    /// <summary>Stops accepting writes, commits everything already queued, then closes the connection.</summary>
    public async Task DrainAsync()
    {
        _channel.Writer.TryComplete();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        finally
        {
            if (_connection is { } connection)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
            }
        }
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_batch.Count < _maxBatchSize && reader.TryRead(out var operation))
                {
                    _batch.Add(operation);
                }

                await CommitBatchAsync().ConfigureAwait(false);
                _batch.Clear();
            }
        }
        catch (Exception exception)
        {
            // Not expected (CommitBatchAsync handles its own errors); never leave a caller waiting forever.
            _logger.LogCritical(exception, "PostgreSQL grain storage '{Provider}': writer loop failed", _providerName);
            _channel.Writer.TryComplete(exception);
            foreach (var operation in _batch)
            {
                operation.Fail(exception);
            }

            while (reader.TryRead(out var operation))
            {
                operation.Fail(exception);
            }

            throw;
        }
    }

    private async Task CommitBatchAsync()
    {
        // Key order: the same lock order in every process (stable, so writes to one grain keep their queue order).
        var ordered = _batch
            .OrderBy(o => o.StateName, StringComparer.Ordinal)
            .ThenBy(o => o.GrainId, StringComparer.Ordinal)
            .ToList();
        List<(PostgresWriteOperation Operation, long? NewVersion)> succeeded;
        List<(PostgresWriteOperation Operation, Exception Error)> conflicts;
        try
        {
            await _ensureSchema().ConfigureAwait(false);
            var connection = await ConnectionAsync().ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            (succeeded, var conflicted) = await ApplyAsync(connection, transaction, ordered).ConfigureAwait(false);
            var stored = await StoredVersionsAsync(connection, transaction, conflicted).ConfigureAwait(false);
            conflicts = [.. conflicted.Select((operation, i) => (operation, (Exception)operation.Conflict(_providerName, stored[i])))];
            await transaction.CommitAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _logger.LogError(
                exception, "PostgreSQL grain storage '{Provider}': batch of {Count} writes failed; none was stored",
                _providerName, _batch.Count);
            await DropBrokenConnectionAsync().ConfigureAwait(false);
            foreach (var operation in _batch)
            {
                operation.Fail(exception);
            }

            return;
        }

        foreach (var (operation, newVersion) in succeeded)
        {
            operation.Succeed(newVersion);
        }

        foreach (var (operation, error) in conflicts)
        {
            operation.Fail(error);
        }
    }

    /// <summary>Runs every statement of the batch in one round trip; each tells by its returned row whether it applied.</summary>
    private async Task<(List<(PostgresWriteOperation, long?)> Succeeded, List<PostgresWriteOperation> Conflicted)> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PostgresWriteOperation> operations)
    {
        var updatedAt = _timeProvider.GetUtcNow();
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var operation in operations)
        {
            batch.BatchCommands.Add(Command(operation, updatedAt));
        }

        var succeeded = new List<(PostgresWriteOperation, long?)>(operations.Count);
        var conflicted = new List<PostgresWriteOperation>();
        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            var returned = await reader.ReadAsync().ConfigureAwait(false) ? reader.GetInt64(0) : (long?)null;
            // Clearing with no ETag succeeds only when there is nothing to clear (its statement is a SELECT).
            var applied = operation.IsDelete && operation.ExpectedVersion is null ? returned is null : returned is not null;
            if (applied)
            {
                succeeded.Add((operation, operation.IsDelete ? null : returned));
            }
            else
            {
                conflicted.Add(operation);
            }

            if (i < operations.Count - 1)
            {
                await reader.NextResultAsync().ConfigureAwait(false);
            }
        }

        return (succeeded, conflicted);
    }

    /// <summary>The stored version of each conflicted operation's row, read after the batch in the same transaction
    /// (a new statement, so it also sees what another silo committed meanwhile).</summary>
    private static async Task<long?[]> StoredVersionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<PostgresWriteOperation> conflicted)
    {
        var stored = new long?[conflicted.Count];
        if (conflicted.Count == 0)
        {
            return stored;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var operation in conflicted)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(SelectVersionSql)
            {
                Parameters = { Text(operation.StateName), Text(operation.GrainId) },
            });
        }

        await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
        for (var i = 0; i < conflicted.Count; i++)
        {
            stored[i] = await reader.ReadAsync().ConfigureAwait(false) ? reader.GetInt64(0) : null;
            if (i < conflicted.Count - 1)
            {
                await reader.NextResultAsync().ConfigureAwait(false);
            }
        }

        return stored;
    }

    private static NpgsqlBatchCommand Command(PostgresWriteOperation operation, DateTimeOffset updatedAt)
    {
        var expected = operation.ExpectedVersion;
        if (operation.IsDelete)
        {
            return expected is null
                ? new NpgsqlBatchCommand(SelectVersionSql) { Parameters = { Text(operation.StateName), Text(operation.GrainId) } }
                : new NpgsqlBatchCommand(DeleteSql)
                {
                    Parameters = { Text(operation.StateName), Text(operation.GrainId), Bigint(expected.Value) },
                };
        }

        var command = new NpgsqlBatchCommand(expected is null ? InsertSql : UpdateSql)
        {
            Parameters =
            {
                Text(operation.StateName),
                Text(operation.GrainId),
                Text(operation.GrainType),
                new NpgsqlParameter<byte[]> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = operation.Payload },
                new NpgsqlParameter<DateTimeOffset> { NpgsqlDbType = NpgsqlDbType.TimestampTz, TypedValue = updatedAt.ToUniversalTime() },
            },
        };
        if (expected is not null)
        {
            command.Parameters.Add(Bigint(expected.Value));
        }

        return command;
    }

    private static NpgsqlParameter<string> Text(string value) => new() { NpgsqlDbType = NpgsqlDbType.Text, TypedValue = value };

    private static NpgsqlParameter<long> Bigint(long value) => new() { NpgsqlDbType = NpgsqlDbType.Bigint, TypedValue = value };

    private async Task<NpgsqlConnection> ConnectionAsync()
    {
        if (_connection is { State: System.Data.ConnectionState.Open } open)
        {
            return open;
        }

        await DropBrokenConnectionAsync().ConfigureAwait(false);
        _connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        _logger.LogDebug("PostgreSQL grain storage '{Provider}': writer connected", _providerName);
        return _connection;
    }

    private async Task DropBrokenConnectionAsync()
    {
        if (_connection is { State: not System.Data.ConnectionState.Open } broken)
        {
            await broken.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }
}
