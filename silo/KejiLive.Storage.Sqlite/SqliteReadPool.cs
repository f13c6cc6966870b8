using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace KejiLive.Storage.Sqlite;

/// <summary>
/// Reuses open read connections, each with its prepared SELECT.
/// </summary>
/// <remarks>
/// In WAL mode readers never block the writer and see the last committed state, so reads bypass the write queue and
/// run on the caller's thread, several at once. Because a write's task completes only after its commit, a grain
/// always reads back what it last wrote.
/// </remarks>
internal sealed class SqliteReadPool : IDisposable
{
    private readonly ConcurrentQueue<Reader> _idle = new();
    private readonly string _databasePath;
    private readonly TimeSpan _busyTimeout;
    private readonly int _maxIdle;
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteReadPool(string databasePath, TimeSpan busyTimeout, int maxIdle)
    {
        _databasePath = databasePath;
        _busyTimeout = busyTimeout;
        _maxIdle = maxIdle;
    }

    /// <summary>Reads the stored version and payload; null when there is no row.</summary>
    public (long Version, string Payload)? Read(string stateName, string grainId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = Rent();
        try
        {
            var result = reader.Read(stateName, grainId);
            Return(reader);
            return result;
        }
        catch
        {
            // A connection that failed mid-read is not trusted again.
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Runs <paramref name="work"/> on a pooled read connection (a snapshot of the last commit).</summary>
    public T With<T>(Func<SqliteConnection, T> work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var reader = Rent();
        try
        {
            var result = work(reader.Connection);
            Return(reader);
            return result;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        DisposeIdle();
    }

    private Reader Rent()
    {
        if (_idle.TryDequeue(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            return reader;
        }

        return new Reader(SqliteSchema.Open(_databasePath, _busyTimeout));
    }

    private void Return(Reader reader)
    {
        if (_disposed)
        {
            reader.Dispose();
            return;
        }

        if (Interlocked.Increment(ref _idleCount) > _maxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
            return;
        }

        _idle.Enqueue(reader);
        if (_disposed)
        {
            // Dispose may have drained the queue just before this enqueue.
            DisposeIdle();
        }
    }

    private void DisposeIdle()
    {
        while (_idle.TryDequeue(out var reader))
        {
            reader.Dispose();
        }
    }

    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _select;
        private readonly SqliteParameter _state;
        private readonly SqliteParameter _grain;

        public Reader(SqliteConnection connection)
        {
            _connection = connection;
            _select = connection.CreateCommand();
            _select.CommandText =
                $"SELECT version, payload FROM {SqliteSchema.TableName} WHERE state_name = $state AND grain_id = $grain;";
            _state = _select.Parameters.Add("$state", SqliteType.Text);
            _grain = _select.Parameters.Add("$grain", SqliteType.Text);
        }

        public SqliteConnection Connection => _connection;

        public (long Version, string Payload)? Read(string stateName, string grainId)
        {
            _state.Value = stateName;
            _grain.Value = grainId;
            using var row = _select.ExecuteReader();
            return row.Read() ? (row.GetInt64(0), row.GetString(1)) : null;
        }

        public void Dispose()
        {
            _select.Dispose();
            _connection.Dispose();
        }
    }
}
