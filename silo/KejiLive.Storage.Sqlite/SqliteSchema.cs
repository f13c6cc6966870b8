using System.Globalization;
using Microsoft.Data.Sqlite;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// Opens connections with the durability settings and creates or migrates the schema.
/// </summary>
/// <remarks>
/// <para>WAL lets readers run while the single writer commits, and makes a commit one append plus one fsync of the
/// WAL file. <c>synchronous=FULL</c> makes that fsync part of every commit: with <c>NORMAL</c> a WAL database survives
/// a process crash but can lose its last commits on power loss, and a grain that was told "written" must keep its data.
/// </para>
/// <para>The schema version lives in <c>PRAGMA user_version</c>. A later build adds a step to <see cref="Migrate"/>;
/// a file with a newer version than this build knows is refused rather than half-understood.</para>
/// </remarks>
internal static class SqliteSchema
{
    /// <summary>Schema version this build writes and understands.</summary>
    public const int CurrentVersion = 1;

    public const string TableName = "grain_state";

    public static SqliteConnection Open(string databasePath, TimeSpan busyTimeout)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // This provider pools its own connections (one writer, a small pool of readers); the driver's pool would
            // keep file handles open after disposal.
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var busyMs = ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            Execute(connection, $"PRAGMA busy_timeout = {busyMs};");
            Execute(connection, "PRAGMA synchronous = FULL;");
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Switches the file to WAL and brings the schema to <see cref="CurrentVersion"/>.</summary>
    public static void Migrate(SqliteConnection connection, string databasePath)
    {
        var mode = ExecuteScalar(connection, "PRAGMA journal_mode = WAL;") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SQLite file '{databasePath}' refused WAL journal mode (got '{mode}').");
        }

        using var transaction = connection.BeginTransaction();
        var version = Convert.ToInt32(ExecuteScalar(connection, "PRAGMA user_version;", transaction), CultureInfo.InvariantCulture);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"SQLite file '{databasePath}' has schema version {version}; this build understands up to {CurrentVersion}.");
        }

        if (version < 1)
        {
            Execute(connection, $"""
                CREATE TABLE IF NOT EXISTS {TableName} (
                    state_name TEXT NOT NULL,
                    grain_id   TEXT NOT NULL,
                    grain_type TEXT NOT NULL,
                    version    INTEGER NOT NULL,
                    payload    TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    PRIMARY KEY (state_name, grain_id)
                ) WITHOUT ROWID;
                """, transaction);
        }

        // Future migrations: if (version < 2) { ... }
        if (version != CurrentVersion)
        {
            Execute(connection, $"PRAGMA user_version = {CurrentVersion.ToString(CultureInfo.InvariantCulture)};", transaction);
        }

        transaction.Commit();
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static object? ExecuteScalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }
}
