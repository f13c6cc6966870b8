using System.Text.Json;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// Options of one named <see cref="SqliteGrainStorage"/> provider.
/// </summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>
    /// Path of the SQLite database file. Its directory is created when missing.
    /// Required. Prefer one file per provider name: sharing a file works (rows are keyed by state name and grain id),
    /// but each provider has its own writer and the writers then take turns on SQLite's single write lock.
    /// </summary>
    public string DatabasePath { get; set; } = "";

    /// <summary>
    /// How long a connection waits for SQLite's file lock before failing (PRAGMA busy_timeout).
    /// Only matters when another process or provider instance writes to the same file, or during checkpoints.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most writes committed in one transaction (one fsync). Larger batches raise throughput under load; a batch is
    /// never delayed to fill up, so a lone write commits immediately.
    /// </summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>Most idle read connections kept open for reuse.</summary>
    public int MaxIdleReadConnections { get; set; } = 16;

    /// <summary>An earlier build's separate audit file beside the database (<c>audit.db</c>): its entries are moved into
    /// the database's audit table once, at open, and the file renamed to <c>audit.db.migrated</c>. Null or empty: none.</summary>
    public string? LegacyAuditFile { get; set; } = "audit.db";

    /// <summary>
    /// JSON options used for every state payload. Defaults to <see cref="SqliteGrainStorageJson.CreateDefaultOptions"/>;
    /// add converters here (before the first read or write: System.Text.Json freezes options on first use).
    /// Never configure type-name handling: stored JSON must not depend on CLR type names.
    /// </summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = SqliteGrainStorageJson.CreateDefaultOptions();

    internal void Validate(string providerName)
    {
        if (string.IsNullOrWhiteSpace(DatabasePath))
        {
            throw new ArgumentException($"SQLite grain storage '{providerName}': {nameof(DatabasePath)} is required.");
        }

        if (MaxBatchSize < 1)
        {
            throw new ArgumentException($"SQLite grain storage '{providerName}': {nameof(MaxBatchSize)} must be at least 1.");
        }

        if (MaxIdleReadConnections < 0)
        {
            throw new ArgumentException(
                $"SQLite grain storage '{providerName}': {nameof(MaxIdleReadConnections)} must not be negative.");
        }

        if (BusyTimeout < TimeSpan.Zero)
        {
            throw new ArgumentException($"SQLite grain storage '{providerName}': {nameof(BusyTimeout)} must not be negative.");
        }

        ArgumentNullException.ThrowIfNull(JsonSerializerOptions);
    }
}
