using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// One statement of the writer thread prepared once on its connection and run through SQLite's own API: parameters
/// bound by position, no reader object per run.
/// </summary>
/// <remarks>Every durable write waits for the writer thread: a report's commit runs five statements on it, a grain
/// state write one. Through <see cref="SqliteCommand"/> each run looked every parameter up by name, checked its CLR
/// type and built and drained a data reader, which was about a third of that thread's time (perf, issue 13). The statements run inside the
/// writer's open transaction like any other on the connection; errors are the driver's own
/// <see cref="SqliteException"/>. Not thread-safe: the writer thread alone uses it, and disposes it before the
/// connection closes.</remarks>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Binds text (null as SQL NULL) to the 1-based parameter <paramref name="index"/>.</summary>
    public RawStatement Text(int index, string? value)
    {
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    /// <summary>Binds an integer to the 1-based parameter <paramref name="index"/>.</summary>
    public RawStatement Int(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    /// <summary>Runs the statement to its end; returns the rows it changed.</summary>
    public int Execute()
    {
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
            {
            }

            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    /// <summary>Runs the statement and returns the first column of its first row as an integer; null without a row.</summary>
    public long? FirstInt64()
    {
        try
        {
            var rc = raw.sqlite3_step(_statement);
            if (rc == raw.SQLITE_ROW) return raw.sqlite3_column_int64(_statement, 0);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
            return null;
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }
}
