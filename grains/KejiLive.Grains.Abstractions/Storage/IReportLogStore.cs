using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Storage;

/// <summary>Where a target × unit keeps its reports: a summary row (version, light, judging time, count) and an
/// append-only log of report rows in order, committed together with the audit entries of the request that changed them.
/// The silo's host provides it beside the grain storage, on the same engine (SQLite <c>keji.db</c> or PostgreSQL).</summary>
/// <remarks>
/// <para>One commit is one unit of work: the summary, the appended rows, the rows rewritten (a review mark settled or
/// confirmed) and the audit entries are stored in one transaction of the engine's group commit, or none of them is.
/// No caller's task completes before that transaction is durable.</para>
/// <para>Optimistic concurrency as in Orleans' grain storage: a commit names the version it read (0: no summary yet);
/// when another is stored it fails with <see cref="Orleans.Storage.InconsistentStateException"/> and stores nothing.</para>
/// <para>An appended report counts as audited by an entry of the audit trail whose subject is
/// <c>{key}/{reportId}</c> and whose action is <c>report</c> or <c>correction</c> (<see cref="UnauditedAsync"/>).</para>
/// </remarks>
public interface IReportLogStore
{
    /// <summary>The summary and every row of <paramref name="key"/> in log order; version 0 and no rows when nothing
    /// was ever committed for it.</summary>
    Task<ReportLog> LoadAsync(string key);

    /// <summary>Stores <paramref name="commit"/> as one unit; returns the new version and the audit entries as stored
    /// (sequence numbers and hashes set).</summary>
    /// <exception cref="Orleans.Storage.InconsistentStateException">The stored version is not
    /// <see cref="ReportLogCommit.ExpectedVersion"/>; nothing was stored.</exception>
    Task<ReportLogCommitted> CommitAsync(ReportLogCommit commit);

    /// <summary>Stored reports without their audit entry, as <c>{key}/{reportId}</c> in key and log order, at most
    /// <paramref name="limit"/>; empty when every stored report is in the audit trail.</summary>
    Task<ImmutableArray<string>> UnauditedAsync(int limit);
}
