using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using KejiLive.Storage.Sqlite;
using Npgsql;
using Orleans.Storage;

namespace KejiLive.Storage.Postgres;

/// <summary>
/// Durable Orleans grain storage in PostgreSQL for a cluster of silos: one row per (state name, grain id), the ETag an
/// integer version, the state as UTF-8 JSON without CLR type names (the SQLite storage's contract, byte for byte), writes
/// group-committed with <c>synchronous_commit=on</c>.
/// </summary>
/// <remarks>
/// <para>ETags follow Orleans' providers and the SQLite storage: a missing row reads as ETag null and
/// <c>RecordExists = false</c>; a write with ETag null inserts (<c>ON CONFLICT DO NOTHING</c>) and fails with
/// <see cref="InconsistentStateException"/> when the row exists; a write with ETag "n" updates only if version n is
/// still stored; clear deletes under the same check. The exception names the stored ETag and the caller's.</para>
/// <para>A write's task completes only after the transaction holding it committed, which with
/// <c>synchronous_commit=on</c> means PostgreSQL flushed it to its WAL: an acknowledged write survives a crash of the
/// silo and of the database server. See <see cref="PostgresBatchWriter"/> for the group commit; reads use pooled
/// connections and never wait for the writer.</para>
/// <para>The tables are created on start when missing (<see cref="PostgresSchema"/>). When the server cannot be used at
/// start, <see cref="StartAsync"/> throws a <see cref="PostgresUnavailableException"/> naming host, port and database.
/// Usually registered with <see cref="PostgresGrainStorageSiloBuilderExtensions"/>; used directly, the first call
/// starts it and <see cref="DisposeAsync"/> drains the queue and closes the connections.</para>
/// </remarks>
public sealed class PostgresGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private const string SelectSql = $"SELECT version, payload FROM {PostgresSchema.GrainStateTable} WHERE state_name = $1 AND grain_id = $2";

    private readonly PostgresGrainStorageOptions _options;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresBatchWriter[] _writers;
    private Task? _schema;
    private Task? _stopTask;

    /// <param name="name">Provider name, used in logs and error messages.</param>
    /// <param name="options">Options; <see cref="PostgresGrainStorageOptions.ConnectionString"/> is required.</param>
    /// <param name="timeProvider">Clock for <c>updated_at</c>; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Logger; none when null.</param>
    /// <exception cref="ArgumentException">The options are incomplete or the connection string is not in Npgsql's form.</exception>
    public PostgresGrainStorage(
        string name, PostgresGrainStorageOptions options, TimeProvider? timeProvider = null, ILogger<PostgresGrainStorage>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(name);
        Name = name;
        _options = options;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        // Nothing connects yet: the data source only parses the connection string. Writes queue from the first call.
        _dataSource = PostgresConnections.CreateDataSource(options.ConnectionString, $"KejiLive grain storage {name}");
        _writers = [.. Enumerable.Range(0, options.WriterConnections).Select(_ => new PostgresBatchWriter(
            _dataSource, EnsureSchemaAsync, timeProvider ?? TimeProvider.System, _logger, name, options.MaxBatchSize))];
        foreach (var writer in _writers)
        {
            writer.Start();
        }
    }

    /// <summary>The provider name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        ObjectDisposedException.ThrowIf(_stopTask is not null, this);
        await EnsureSchemaAsync().ConfigureAwait(false);
        long version;
        byte[] payload;
        await using (var command = _dataSource.CreateCommand(SelectSql))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stateName });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainId.ToString() });
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            if (!await reader.ReadAsync().ConfigureAwait(false))
            {
                grainState.ETag = null;
                grainState.RecordExists = false;
                if (DefaultState<T>.CanCreate)
                {
                    grainState.State = DefaultState<T>.CreateOrDefault();
                }

                return;
            }

            version = reader.GetInt64(0);
            payload = reader.GetFieldValue<byte[]>(1);
        }

        T? state;
        try
        {
            state = JsonSerializer.Deserialize<T>(payload, _options.JsonSerializerOptions);
        }
        catch (JsonException exception)
        {
            throw new JsonException(
                $"PostgreSQL grain storage '{Name}': state '{stateName}' of grain {grainId} (ETag {version}) " +
                $"cannot be read as {typeof(T).Name}: {exception.Message}", exception);
        }

        grainState.State = state ?? DefaultState<T>.CreateOrDefault();
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        // Serialised as the declared T, on the caller's thread: no type names, and errors stay with their caller.
        var payload = JsonSerializer.SerializeToUtf8Bytes(grainState.State, _options.JsonSerializerOptions);
        var operation = PostgresWriteOperation.Write(
            stateName, grainId.ToString(), grainId.Type.ToString()!, payload, GrainETag.Parse(grainState.ETag), grainState.ETag);
        Enqueue(operation);
        var version = await operation.Completion.ConfigureAwait(false);
        grainState.ETag = version!.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var operation = PostgresWriteOperation.Delete(
            stateName, grainId.ToString(), grainId.Type.ToString()!, GrainETag.Parse(grainState.ETag), grainState.ETag);
        Enqueue(operation);
        await operation.Completion.ConfigureAwait(false);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = DefaultState<T>.CreateOrDefault();
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe($"{nameof(PostgresGrainStorage)}-{Name}", ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);
    }

    /// <summary>Connects, creates the schema when missing and starts the writer. Idempotent; operations call it lazily.</summary>
    /// <exception cref="PostgresUnavailableException">The server cannot be reached, refused the login or has no such database.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default) => EnsureSchemaAsync();

    /// <summary>
    /// Stops accepting writes, commits every write already queued, then closes all connections. Idempotent.
    /// The queue is drained even if <paramref name="cancellationToken"/> fires: the writes in it were promised.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _stopTask ??= StopCoreAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private void Enqueue(PostgresWriteOperation operation)
    {
        // One grain, one writer: its writes keep their order, and writers never contend for one row.
        var writer = _writers[(int)((uint)HashCode.Combine(operation.StateName, operation.GrainId) % (uint)_writers.Length)];
        if (!writer.TryEnqueue(operation))
        {
            throw new ObjectDisposedException(nameof(PostgresGrainStorage), $"PostgreSQL grain storage '{Name}' has been stopped.");
        }
    }

    /// <summary>Connects and creates the schema when missing, once; a failed attempt is not cached, so the next call
    /// tries again (the server may be up by then).</summary>
    private Task EnsureSchemaAsync()
    {
        lock (_gate)
        {
            if (_schema is null || _schema.IsFaulted || _schema.IsCanceled)
            {
                _schema = MigrateAsync();
            }

            return _schema;
        }
    }

    private async Task MigrateAsync()
    {
        try
        {
            var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                await PostgresSchema.MigrateGrainStateAsync(connection, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            throw PostgresConnections.Unavailable(_options.ConnectionString, e);
        }

        _logger.LogInformation(
            "PostgreSQL grain storage '{Provider}' opened {Server}", Name, PostgresConnections.Describe(_options.ConnectionString));
    }

    private async Task StopCoreAsync()
    {
        // Every queued write is tried before the connections close: they were promised.
        await Task.WhenAll(_writers.Select(w => w.DrainAsync())).ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _logger.LogInformation("PostgreSQL grain storage '{Provider}' closed", Name);
    }
}
