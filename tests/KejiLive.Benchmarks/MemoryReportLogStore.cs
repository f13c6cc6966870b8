using System.Collections.Concurrent;
using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Storage;
using Orleans.Storage;

namespace KejiLive.Benchmarks;

/// <summary>mode=grains store=memory: report logs kept in memory, for measuring what a report costs the grain side
/// (domain, grain, Orleans, publication) without the storage engine's writer thread. Not durable; never used by a silo.
/// A commit completes on the thread pool, as the SQLite writer completes it from its own thread, so the grain's
/// continuation takes the same hop back onto its activation.</summary>
internal sealed class MemoryReportLogStore : IReportLogStore
{
    private readonly ConcurrentDictionary<string, long> _versions = new(StringComparer.Ordinal);

    public Task<ReportLog> LoadAsync(string key) =>
        Task.FromResult(new ReportLog { Version = _versions.GetValueOrDefault(key) });

    public Task<ReportLogCommitted> CommitAsync(ReportLogCommit commit) => Task.Run(() =>
    {
        // One activation per key commits at a time (the grain's turn), so a read-compare-write is enough here.
        var version = _versions.GetValueOrDefault(commit.Key);
        if (version != commit.ExpectedVersion)
        {
            throw new InconsistentStateException($"{commit.Key}: version {version}, expected {commit.ExpectedVersion}.");
        }
        _versions[commit.Key] = version + 1;
        return new ReportLogCommitted(version + 1, commit.Audit);
    });

    public Task<ImmutableArray<string>> UnauditedAsync(int limit) => Task.FromResult(ImmutableArray<string>.Empty);
}
