using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Security;

/// <summary>Where the audit lives: append-only (no update, no delete), durable before <see cref="AppendAsync"/>
/// completes. The silo's host provides it.</summary>
public interface IAuditStore
{
    /// <summary>Appends in order; returns the entries as stored (sequence numbers and hashes set).</summary>
    Task<ImmutableArray<AuditRecord>> AppendAsync(IReadOnlyList<AuditRecord> entries);

    Task<ImmutableArray<AuditRecord>> QueryAsync(AuditQuery query);

    /// <summary>The first entry whose hash does not follow, or null when the whole chain is intact.</summary>
    Task<long?> VerifyAsync();
}
