using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Storage;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// Durable Orleans grain storage in one embedded SQLite file: one row per (state name, grain id), the ETag an integer
/// version, the state JSON without CLR type names, writes group-committed with <c>synchronous=FULL</c>.
/// </summary>
/// <remarks>
/// <para>ETags follow Orleans' providers: a missing row reads as ETag null and <c>RecordExists = false</c>; a write
/// with ETag null inserts and fails with <see cref="InconsistentStateException"/> when the row exists; a write with
/// ETag "n" updates only if version n is still stored; clear deletes under the same check. The exception names the
/// stored ETag and the caller's.</para>
/// <para>A write's task completes only after the transaction holding it committed and synced to disk, so an
/// acknowledged write survives a process crash and a power cut. See <see cref="SqliteBatchWriter"/> for the group
/// commit and <see cref="SqliteReadPool"/> for reads.</para>
/// <para>Usually registered with <see cref="SqliteGrainStorageSiloBuilderExtensions"/>; the silo lifecycle opens the
/// file at <see cref="ServiceLifecycleStage.ApplicationServices"/> and drains the queue on stop. Used directly, the
/// first call opens the file and <see cref="DisposeAsync"/> drains and closes it.</para>
/// </remarks>
public sealed class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable, IDisposable
{
    private readonly SqliteGrainStorageOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private volatile Engine? _engine;
    private Task? _stopTask;

    /// <param name="name">Provider name, used in logs and error messages.</param>
    /// <param name="options">Options; <see cref="SqliteGrainStorageOptions.DatabasePath"/> is required.</param>
    /// <param name="timeProvider">Clock for <c>updated_at</c>; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">Logger; none when null.</param>
    public SqliteGrainStorage(
        string name, SqliteGrainStorageOptions options, TimeProvider? timeProvider = null, ILogger<SqliteGrainStorage>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(name);
        Name = name;
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The provider name.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var row = EnsureStarted().Readers.Read(stateName, grainId.ToString());
        if (row is not { } stored)
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            if (DefaultState<T>.CanCreate)
            {
                grainState.State = DefaultState<T>.CreateOrDefault();
            }

            return Task.CompletedTask;
        }

        T? state;
        try
        {
            state = JsonSerializer.Deserialize<T>(stored.Payload, _options.JsonSerializerOptions);
        }
        catch (JsonException exception)
        {
            throw new JsonException(
                $"SQLite grain storage '{Name}': state '{stateName}' of grain {grainId} (ETag {stored.Version}) " +
                $"cannot be read as {typeof(T).Name}: {exception.Message}", exception);
        }

        grainState.State = state ?? DefaultState<T>.CreateOrDefault();
        grainState.ETag = stored.Version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var engine = EnsureStarted();
        // Serialised as the declared T, on the caller's thread: no type names, and errors stay with their caller.
        var payload = JsonSerializer.Serialize(grainState.State, _options.JsonSerializerOptions);
        var operation = SqliteWriteOperation.Write(
            stateName, grainId.ToString(), grainId.Type.ToString()!, payload, GrainETag.Parse(grainState.ETag), grainState.ETag);
        Enqueue(engine, operation);
        var version = await operation.Completion.ConfigureAwait(false);
        grainState.ETag = version!.Value.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var engine = EnsureStarted();
        var operation = SqliteWriteOperation.Delete(
            stateName, grainId.ToString(), grainId.Type.ToString()!, GrainETag.Parse(grainState.ETag), grainState.ETag);
        Enqueue(engine, operation);
        await operation.Completion.ConfigureAwait(false);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = DefaultState<T>.CreateOrDefault();
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe($"{nameof(SqliteGrainStorage)}-{Name}", ServiceLifecycleStage.ApplicationServices, StartAsync, StopAsync);
    }

    /// <summary>Opens the file, applies the schema and starts the writer. Idempotent; operations call it lazily.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        EnsureStarted();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops accepting writes, commits every write already queued, then closes all connections. Idempotent.
    /// The queue is drained even if <paramref name="cancellationToken"/> fires: the writes in it were promised.
    /// </summary>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _stopTask ??= StopCoreAsync(_engine);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public void Dispose() => StopAsync().GetAwaiter().GetResult();

    /// <summary>Queues a report log commit or an audit append for the writer thread's next batch.</summary>
    internal Task<KejiLive.Grains.Abstractions.Storage.ReportLogCommitted> EnqueueLog(SqliteLogCommit operation)
    {
        Enqueue(EnsureStarted(), operation);
        return operation.Completion;
    }

    /// <summary>A pragma's value on the writer connection and on a read connection (both are per connection, e.g.
    /// <c>synchronous</c>). For tests: call only while no write is queued.</summary>
    internal (object? Writer, object? Reader) Pragma(string name)
    {
        var engine = EnsureStarted();
        object? Read(SqliteConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            return command.ExecuteScalar();
        }

        return (Read(engine.WriterConnection), engine.Readers.With(Read));
    }

    /// <summary>Runs <paramref name="work"/> on a read connection of the file (opening it first when needed).</summary>
    internal T Read<T>(Func<SqliteConnection, T> work) => EnsureStarted().Readers.With(work);

    private void Enqueue(Engine engine, SqliteQueued operation)
    {
        if (!engine.Writer.TryEnqueue(operation))
        {
            throw new ObjectDisposedException(nameof(SqliteGrainStorage), $"SQLite grain storage '{Name}' has been stopped.");
        }
    }

    private Engine EnsureStarted()
    {
        if (_engine is { } engine)
        {
            return engine;
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopTask is not null, this);
            return _engine ??= Open();
        }
    }

    private Engine Open()
    {
        var path = Path.GetFullPath(_options.DatabasePath);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = SqliteSchema.Open(path, _options.BusyTimeout);
        try
        {
            SqliteSchema.Migrate(connection, path);
            SqliteSchema.TuneWriter(connection);
            if (!string.IsNullOrEmpty(_options.LegacyAuditFile))
            {
                var legacy = Path.Combine(directory ?? "", _options.LegacyAuditFile);
                if (File.Exists(legacy))
                {
                    var copied = SqliteSchema.ImportLegacyAudit(connection, legacy);
                    _logger.LogWarning("SQLite grain storage '{Provider}': moved {Count} audit entries from {Legacy} into {Path}", Name, copied, legacy, path);
                }
            }

            var writer = new SqliteBatchWriter(connection, _timeProvider, _logger, Name, _options.MaxBatchSize);
            writer.Start();
            _logger.LogInformation("SQLite grain storage '{Provider}' opened {Path}", Name, path);
            return new Engine(connection, writer, new SqliteReadPool(path, _options.BusyTimeout, _options.MaxIdleReadConnections));
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private async Task StopCoreAsync(Engine? engine)
    {
        if (engine is null)
        {
            return;
        }

        await engine.Writer.DrainAsync().ConfigureAwait(false);
        engine.Writer.Dispose();
        engine.Readers.Dispose();
        engine.WriterConnection.Dispose();
        _logger.LogInformation("SQLite grain storage '{Provider}' closed", Name);
    }

    private sealed record Engine(SqliteConnection WriterConnection, SqliteBatchWriter Writer, SqliteReadPool Readers);
}
