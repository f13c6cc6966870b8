using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Security;
using Orleans.Concurrency;

namespace KejiLive.Grains.Security;

/// <summary>Passes audit entries to the host's <see cref="IAuditStore"/>; several activations may run at once, the
/// store orders them.</summary>
[StatelessWorker]
public sealed class AuditGrain(IAuditStore store) : Grain, IAuditGrain
{
    public Task<ImmutableArray<AuditRecord>> AppendAsync(ImmutableArray<AuditRecord> entries) => store.AppendAsync(entries);

    public Task<ImmutableArray<AuditRecord>> QueryAsync(AuditQuery query) => store.QueryAsync(query);

    public Task<long?> VerifyAsync() => store.VerifyAsync();
}
