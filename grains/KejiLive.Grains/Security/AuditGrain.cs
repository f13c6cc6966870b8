using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Storage;
using Orleans.Concurrency;

namespace KejiLive.Grains.Security;

/// <summary>Passes audit entries to the host's <see cref="IAuditStore"/>; several activations may run at once, the
/// store orders them. Also answers which stored reports lack their entry (the host's <see cref="IReportLogStore"/>).</summary>
[StatelessWorker]
public sealed class AuditGrain(IAuditStore store, IReportLogStore reports) : Grain, IAuditGrain
{
    public Task<ImmutableArray<AuditRecord>> AppendAsync(ImmutableArray<AuditRecord> entries) => store.AppendAsync(entries);

    public Task<ImmutableArray<AuditRecord>> QueryAsync(AuditQuery query) => store.QueryAsync(query);

    public Task<long?> VerifyAsync() => store.VerifyAsync();

    public Task<ImmutableArray<string>> UnauditedReportsAsync(int limit) => reports.UnauditedAsync(limit);
}
