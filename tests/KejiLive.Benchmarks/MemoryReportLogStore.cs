using System.Collections.Concurrent;
using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Storage;
using Orleans.Storage;

namespace KejiLive.Benchmarks;

/// <summary>mode=grains store=memory: report logs kept in memory, for measuring what a report costs the grain side
/// (domain, grain, Orleans, publication) without the storage engine. Not durable; never used by a silo. As the SQLite
/// store does, commits queue to one writer thread that completes them in batches, their continuations run
/// asynchronously (run on the writer thread instead, they cost the grain side more: 22 against 17-19 µs per report).</summary>
internal sealed class MemoryReportLogStore : IReportLogStore, IDisposable
{
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly BlockingCollection<(ReportLogCommit Commit, TaskCompletionSource<ReportLogCommitted> Done)> _queue = [];

    public MemoryReportLogStore() => new Thread(Write) { IsBackground = true, Name = "memory-log-writer" }.Start();

    public Task<ReportLog> LoadAsync(string key)
    {
        lock (_versions) return Task.FromResult(new ReportLog { Version = _versions.GetValueOrDefault(key) });
    }

    public Task<ReportLogCommitted> CommitAsync(ReportLogCommit commit)
    {
        var done = new TaskCompletionSource<ReportLogCommitted>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((commit, done));
        return done.Task;
    }

    public Task<ImmutableArray<string>> UnauditedAsync(int limit) => Task.FromResult(ImmutableArray<string>.Empty);

    private void Write()
    {
        var batch = new List<(ReportLogCommit Commit, TaskCompletionSource<ReportLogCommitted> Done)>();
        foreach (var first in _queue.GetConsumingEnumerable())
        {
            batch.Add(first);
            while (_queue.TryTake(out var next)) batch.Add(next);
            foreach (var (commit, done) in batch)
            {
                long version;
                lock (_versions)
                {
                    version = _versions.GetValueOrDefault(commit.Key);
                    if (version == commit.ExpectedVersion) _versions[commit.Key] = version + 1;
                }
                if (version != commit.ExpectedVersion)
                {
                    done.TrySetException(new InconsistentStateException($"{commit.Key}: version {version}, expected {commit.ExpectedVersion}."));
                    continue;
                }
                done.TrySetResult(new ReportLogCommitted(version + 1, commit.Audit));
            }
            batch.Clear();
        }
    }

    public void Dispose() => _queue.CompleteAdding();
}
