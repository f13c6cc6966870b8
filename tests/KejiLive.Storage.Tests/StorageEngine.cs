namespace KejiLive.Storage.Tests;

/// <summary>One storage engine under the shared contract tests: opens its grain storage on a fresh database, and looks
/// at or interferes with that database from outside the storage.</summary>
public abstract class StorageEngine : IAsyncDisposable
{
    /// <summary>Creates the engine's empty database.</summary>
    public abstract Task InitializeAsync();

    /// <summary>A new storage instance on the database (not started: the first call starts it).</summary>
    public abstract OpenedStorage Open(string name = "test", TimeProvider? timeProvider = null);

    /// <summary>Number of rows in <c>grain_state</c>.</summary>
    public abstract Task<long> CountRowsAsync();

    /// <summary>The stored payload of the only row, as JSON text.</summary>
    public abstract Task<string> SinglePayloadAsync();

    /// <summary>The stored <c>updated_at</c> of the only row.</summary>
    public abstract Task<DateTimeOffset> SingleUpdatedAtAsync();

    /// <summary>Makes every insert of a grain whose id contains <paramref name="fragment"/> fail inside the database
    /// (a trigger), as an error the storage cannot foresee.</summary>
    public abstract Task PoisonAsync(string fragment);

    /// <summary>Holds the database's write lock from another connection until disposed: the storage's next commit waits.</summary>
    public abstract Task<IAsyncDisposable> HoldWriteLockAsync();

    /// <summary>The engine's report log and audit stores on the database, as a silo's host provides them.</summary>
    public abstract Task<OpenedReportLog> OpenReportLogAsync();

    /// <summary>A count (or any integer) read from the database outside the stores.</summary>
    public abstract Task<long> CountAsync(string sql);

    public abstract ValueTask DisposeAsync();
}
