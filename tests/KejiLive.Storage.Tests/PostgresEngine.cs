using System.Text;
using KejiLive.Storage.Postgres;
using Npgsql;

namespace KejiLive.Storage.Tests;

/// <summary>The cluster engine: a fresh database on the test run's own PostgreSQL server.</summary>
public sealed class PostgresEngine(PostgresFixture fixture) : StorageEngine
{
    private string? _connectionString;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Not initialised.");

    public override async Task InitializeAsync() => _connectionString = await fixture.Server.CreateDatabaseAsync("storage");

    public override OpenedStorage Open(string name = "test", TimeProvider? timeProvider = null)
    {
        var storage = new PostgresGrainStorage(name, new PostgresGrainStorageOptions { ConnectionString = ConnectionString }, timeProvider);
        return new OpenedStorage(storage, () => storage.StartAsync(), () => storage.StopAsync());
    }

    public override async Task<long> CountRowsAsync() => (long)(await ScalarAsync("SELECT count(*) FROM grain_state"))!;

    public override async Task<string> SinglePayloadAsync() =>
        Encoding.UTF8.GetString((byte[])(await ScalarAsync("SELECT payload FROM grain_state"))!);

    public override async Task<DateTimeOffset> SingleUpdatedAtAsync() =>
        new((DateTime)(await ScalarAsync("SELECT updated_at FROM grain_state"))!, TimeSpan.Zero);

    public override async Task PoisonAsync(string fragment) => await ScalarAsync($"""
        CREATE FUNCTION poison() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF strpos(NEW.grain_id, '{fragment}') > 0 THEN RAISE EXCEPTION 'poisoned row'; END IF;
            RETURN NEW;
        END $$;
        CREATE TRIGGER poison BEFORE INSERT ON grain_state FOR EACH ROW EXECUTE FUNCTION poison();
        """);

    public override async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE grain_state IN SHARE ROW EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return connection;
    }

    public Task<object?> ScalarAsync(string sql) => Testing.PostgresServer.ScalarAsync(ConnectionString, sql);

    public override async Task<OpenedReportLog> OpenReportLogAsync()
    {
        var log = new PostgresReportLogStore(ConnectionString);
        var audit = new PostgresAuditStore(ConnectionString);
        await log.StartAsync();
        await audit.StartAsync();
        return new OpenedReportLog(log, audit, async () =>
        {
            await log.DisposeAsync();
            await audit.DisposeAsync();
        });
    }

    public override async Task<long> CountAsync(string sql) => Convert.ToInt64(await ScalarAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
