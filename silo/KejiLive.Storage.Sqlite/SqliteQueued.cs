namespace KejiLive.Storage.Sqlite;

/// <summary>Anything the writer thread commits for a caller: a grain state write or clear
/// (<see cref="SqliteWriteOperation"/>), or a report log commit or audit append (<see cref="SqliteLogCommit"/>).</summary>
internal abstract class SqliteQueued
{
    /// <summary>Completes the caller's task with <paramref name="exception"/> (nothing of it was stored).</summary>
    public abstract void Fail(Exception exception);
}
