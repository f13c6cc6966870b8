using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Storage;

namespace KejiLive.Storage.Sqlite;

/// <summary>A report log commit (<see cref="Commit"/> set) or a bare audit append (<see cref="Commit"/> null) waiting
/// for the writer thread's batch.</summary>
internal sealed class SqliteLogCommit : SqliteQueued
{
    private readonly TaskCompletionSource<ReportLogCommitted> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SqliteLogCommit(ReportLogCommit? commit, ImmutableArray<AuditRecord> audit)
    {
        Commit = commit;
        Audit = audit;
    }

    public ReportLogCommit? Commit { get; }

    public ImmutableArray<AuditRecord> Audit { get; }

    public Task<ReportLogCommitted> Completion => _completion.Task;

    public void Succeed(ReportLogCommitted committed) => _completion.TrySetResult(committed);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
