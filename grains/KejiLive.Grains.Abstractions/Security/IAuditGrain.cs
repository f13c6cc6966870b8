using System.Collections.Immutable;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Security;

/// <summary>The audit log, reached from any web node (key <see cref="Key"/>). A stateless worker on the silo that holds
/// the store: appends are grouped into one durable commit there.</summary>
public interface IAuditGrain : IGrainWithStringKey
{
    public const string Key = "audit";

    Task<ImmutableArray<AuditRecord>> AppendAsync(ImmutableArray<AuditRecord> entries);

    [ReadOnly]
    Task<ImmutableArray<AuditRecord>> QueryAsync(AuditQuery query);

    [ReadOnly]
    Task<long?> VerifyAsync();

    /// <summary>Stored reports that have no audit entry (<c>target/unit/reportId</c>), at most <paramref name="limit"/>;
    /// empty when every stored report is in the trail.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> UnauditedReportsAsync(int limit);
}
