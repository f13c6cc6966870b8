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
    public const int CurrentVersion = 4;

    public const string TableName = "grain_state";

    /// <summary>One summary row per target × unit report log (version, light, judging time, count; the light's
    /// since-time from version 3).</summary>
    public const string ReportHeadTable = "report_head";

    /// <summary>The reports of every target × unit, one row each, in log order.</summary>
    public const string ReportLogTable = "report_log";

    /// <summary>The audit trail (moved here from <c>audit.db</c> in version 2, so a report and its entry commit together).</summary>
    public const string AuditTable = "audit";

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

    /// <summary>Page cache of the writer connection, in KiB (SQLite's default is 2,000 KiB).</summary>
    public const int WriterCacheKiB = 8 * 1024;

    /// <summary>WAL pages after which a commit checkpoints them into the database file (SQLite's default is 1,000).</summary>
    public const int WalAutoCheckpointPages = 4000;

    /// <summary>Settings of the writer connection alone; durability is untouched (WAL, <c>synchronous=FULL</c>).
    /// <c>temp_store=MEMORY</c> keeps savepoint journals off the disk.</summary>
    /// <remarks>Report commits touch pages all over the report log and the audit indexes (one leaf per target × unit);
    /// with the default 2 MB cache the writer re-read most of them from the file on each batch (a tenth of its CPU in a
    /// profile). A checkpoint copies each changed page once, however often it changed since the last one: fewer,
    /// larger checkpoints copy the hot pages (summaries, the audit tail, index leaves) fewer times. The WAL file grows
    /// to about 16 MB between checkpoints; a crash replays it on the next open as before. The cache is not made larger
    /// still: SQLite walks its whole page hash at the end of each write transaction, so 32 MB cost more there (1.8% of
    /// the CPU samples) than it saved in reads.</remarks>
    public static void TuneWriter(SqliteConnection connection)
    {
        Execute(connection, $"PRAGMA cache_size = -{WriterCacheKiB.ToString(CultureInfo.InvariantCulture)};");
        Execute(connection, $"PRAGMA wal_autocheckpoint = {WalAutoCheckpointPages.ToString(CultureInfo.InvariantCulture)};");
        // Each report commit runs under a savepoint, and SQLite copies every page it first changes under one into a
        // statement journal; past 64 KiB a batch's journal spilled into a temporary file (writes, no durability role:
        // it only undoes a savepoint inside the open transaction). Kept in memory instead.
        Execute(connection, "PRAGMA temp_store = MEMORY;");
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

        if (version < 2)
        {
            Execute(connection, $$"""
                CREATE TABLE IF NOT EXISTS {{ReportHeadTable}} (
                    grain_key  TEXT PRIMARY KEY,
                    version    INTEGER NOT NULL,
                    light      TEXT NOT NULL,
                    judged_at  TEXT,
                    reports    INTEGER NOT NULL,
                    updated_at TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS {{ReportLogTable}} (
                    grain_key TEXT NOT NULL,
                    position  INTEGER NOT NULL,
                    report_id TEXT NOT NULL,
                    payload   TEXT NOT NULL,
                    PRIMARY KEY (grain_key, position)
                ) WITHOUT ROWID;
                CREATE UNIQUE INDEX IF NOT EXISTS report_log_id ON {{ReportLogTable}} (grain_key, report_id);
                CREATE TABLE IF NOT EXISTS {{AuditTable}} (
                    seq      INTEGER PRIMARY KEY,
                    at_ticks INTEGER NOT NULL,
                    at       TEXT NOT NULL,
                    actor    TEXT NOT NULL,
                    role     TEXT NOT NULL,
                    unit     TEXT,
                    address  TEXT NOT NULL,
                    action   TEXT NOT NULL,
                    subject  TEXT NOT NULL,
                    detail   TEXT NOT NULL,
                    hash     TEXT NOT NULL
                );
                CREATE INDEX IF NOT EXISTS audit_at ON {{AuditTable}} (at_ticks);
                CREATE INDEX IF NOT EXISTS audit_subject ON {{AuditTable}} (subject);
                CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {{AuditTable}} BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {{AuditTable}} BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                """, transaction);
        }

        if (version < 3)
        {
            // The light's since-time (its dwell rule); rows written before stay readable with it null.
            Execute(connection, $"ALTER TABLE {ReportHeadTable} ADD COLUMN light_since TEXT;", transaction);
        }

        if (version < 4)
        {
            // Fewer pages per report (issue 13): an accepted report used to change four B-tree pages scattered over the
            // file (its summary, its log row, the log's unique reportId index and the audit's subject index), and a
            // report's commit costs mostly the writing of those pages. The log is now clustered on (key, reportId), so
            // its primary key itself refuses a repeated reportId and the separate unique index goes; the subject
            // index, read only by the rare "stored reports without their audit entry" check, goes too (that check now
            // builds its lookup once per run). Rows are copied as they are, in the migration's one transaction.
            Execute(connection, $$"""
                CREATE TABLE {{ReportLogTable}}_v4 (
                    grain_key TEXT NOT NULL,
                    report_id TEXT NOT NULL,
                    position  INTEGER NOT NULL,
                    payload   TEXT NOT NULL,
                    PRIMARY KEY (grain_key, report_id)
                ) WITHOUT ROWID;
                INSERT INTO {{ReportLogTable}}_v4 (grain_key, report_id, position, payload)
                    SELECT grain_key, report_id, position, payload FROM {{ReportLogTable}};
                DROP TABLE {{ReportLogTable}};
                ALTER TABLE {{ReportLogTable}}_v4 RENAME TO {{ReportLogTable}};
                DROP INDEX IF EXISTS audit_subject;
                """, transaction);
        }

        // Future migrations: if (version < 5) { ... }
        if (version != CurrentVersion)
        {
            Execute(connection, $"PRAGMA user_version = {CurrentVersion.ToString(CultureInfo.InvariantCulture)};", transaction);
        }

        transaction.Commit();
    }

    /// <summary>Moves the audit trail of an earlier build's <c>audit.db</c> into this file once: every row copied as it
    /// is (sequence numbers and hashes unchanged, so the chain stays verifiable), in one transaction, then the old file
    /// renamed to <c>audit.db.migrated</c> so it is never read again. Copies only into an empty audit table; a file
    /// found beside a filled table (a crash between the copy's commit and the rename) is only renamed.</summary>
    /// <returns>The number of rows copied.</returns>
    public static long ImportLegacyAudit(SqliteConnection connection, string legacyPath)
    {
        if (!File.Exists(legacyPath)) return 0;
        long copied = 0;
        Execute(connection, "ATTACH DATABASE $path AS legacy;", null, ("$path", legacyPath));
        try
        {
            var hasTable = Convert.ToInt64(ExecuteScalar(connection, "SELECT count(*) FROM legacy.sqlite_master WHERE type = 'table' AND name = 'audit';"), CultureInfo.InvariantCulture) > 0;
            using var transaction = connection.BeginTransaction();
            var empty = Convert.ToInt64(ExecuteScalar(connection, $"SELECT count(*) FROM main.{AuditTable};", transaction), CultureInfo.InvariantCulture) == 0;
            if (hasTable && empty)
            {
                using var copy = connection.CreateCommand();
                copy.Transaction = transaction;
                copy.CommandText = $"""
                    INSERT INTO main.{AuditTable} (seq, at_ticks, at, actor, role, unit, address, action, subject, detail, hash)
                    SELECT seq, at_ticks, at, actor, role, unit, address, action, subject, detail, hash FROM legacy.audit ORDER BY seq;
                    """;
                copied = copy.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        finally
        {
            Execute(connection, "DETACH DATABASE legacy;");
        }

        // Closing the last connection of the old file folded its WAL into it; the file alone holds everything now.
        var moved = legacyPath + ".migrated";
        if (File.Exists(moved)) moved += "-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        File.Move(legacyPath, moved);
        foreach (var suffix in new[] { "-wal", "-shm" })
        {
            if (File.Exists(legacyPath + suffix)) File.Move(legacyPath + suffix, moved + suffix);
        }

        return copied;
    }

    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
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
