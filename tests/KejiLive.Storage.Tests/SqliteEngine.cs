using System.Globalization;
using KejiLive.Storage.Sqlite;

namespace KejiLive.Storage.Tests;

/// <summary>The embedded engine: a SQLite file in its own temp directory.</summary>
public sealed class SqliteEngine : StorageEngine
{
    private readonly TempDatabase _database = new();

    public override Task InitializeAsync() => Task.CompletedTask;

    public override OpenedStorage Open(string name = "test", TimeProvider? timeProvider = null)
    {
        var storage = _database.OpenStorage(name, timeProvider);
        return new OpenedStorage(storage, () => storage.StartAsync(), () => storage.StopAsync());
    }

    public override Task<long> CountRowsAsync() => Task.FromResult((long)_database.Scalar("SELECT count(*) FROM grain_state")!);

    public override Task<string> SinglePayloadAsync() => Task.FromResult((string)_database.Scalar("SELECT payload FROM grain_state")!);

    public override Task<DateTimeOffset> SingleUpdatedAtAsync() =>
        Task.FromResult(DateTimeOffset.Parse((string)_database.Scalar("SELECT updated_at FROM grain_state")!, CultureInfo.InvariantCulture));

    public override Task PoisonAsync(string fragment)
    {
        _database.Scalar($"""
            CREATE TRIGGER poison BEFORE INSERT ON grain_state WHEN instr(NEW.grain_id, '{fragment}') > 0
            BEGIN SELECT RAISE(ABORT, 'poisoned row'); END;
            """);
        return Task.CompletedTask;
    }

    public override Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var connection = _database.OpenRaw();
        using (var begin = connection.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            begin.ExecuteNonQuery();
        }

        return Task.FromResult<IAsyncDisposable>(connection);
    }

    public override async Task<OpenedReportLog> OpenReportLogAsync()
    {
        var storage = _database.OpenStorage("keji");
        await storage.StartAsync();
        return new OpenedReportLog(new SqliteReportLogStore(storage), new SqliteAuditStore(storage), () => storage.DisposeAsync());
    }

    public override Task<long> CountAsync(string sql) => Task.FromResult(Convert.ToInt64(_database.Scalar(sql), CultureInfo.InvariantCulture));

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
        return ValueTask.CompletedTask;
    }
}
