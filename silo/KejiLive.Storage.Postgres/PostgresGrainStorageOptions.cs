using System.Text.Json;
using KejiLive.Storage.Sqlite;

namespace KejiLive.Storage.Postgres;

/// <summary>
/// Options of one named <see cref="PostgresGrainStorage"/> provider.
/// </summary>
public sealed class PostgresGrainStorageOptions
{
    /// <summary>
    /// Npgsql connection string (<c>Host=…;Port=5432;Database=…;Username=…;Password=…</c>). Required. The storage adds
    /// <c>synchronous_commit=on</c> to its sessions whatever the server's default, so a write is acknowledged only once
    /// PostgreSQL flushed its commit record.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Most writes committed in one transaction (one round trip, one WAL flush). A batch is never delayed to fill up:
    /// a lone write commits immediately, and batches grow by themselves while the previous commit is flushing.
    /// </summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>
    /// Writer connections, each with its own queue and group commit. A grain's writes always go to the same writer
    /// (chosen by its key), so they stay in order; more writers let one batch execute while another waits for its flush.
    /// </summary>
    public int WriterConnections { get; set; } = 2;

    /// <summary>
    /// JSON options used for every state payload: the same contract as the SQLite storage
    /// (<see cref="SqliteGrainStorageJson.CreateDefaultOptions"/>: camelCase, enums as strings, no CLR type names), so a
    /// payload means the same on both engines. Add converters before the first read or write.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = SqliteGrainStorageJson.CreateDefaultOptions();

    internal void Validate(string providerName)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException($"PostgreSQL grain storage '{providerName}': {nameof(ConnectionString)} is required.");
        }

        if (MaxBatchSize < 1)
        {
            throw new ArgumentException($"PostgreSQL grain storage '{providerName}': {nameof(MaxBatchSize)} must be at least 1.");
        }

        if (WriterConnections is < 1 or > 64)
        {
            throw new ArgumentException($"PostgreSQL grain storage '{providerName}': {nameof(WriterConnections)} must be 1 to 64.");
        }

        ArgumentNullException.ThrowIfNull(JsonSerializerOptions);
    }
}
