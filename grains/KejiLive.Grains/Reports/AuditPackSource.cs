using System.Collections.Immutable;
using KejiLive.Domain.Weekly;
using KejiLive.Grains.Abstractions.Security;
using Microsoft.Extensions.DependencyInjection;

namespace KejiLive.Grains.Reports;

/// <summary>The week's audit entries for the pack, from the host's <see cref="IAuditStore"/> (none when the host has
/// no audit log, e.g. a test cluster that does not need one).</summary>
public sealed class AuditPackSource(IServiceProvider services)
{
    /// <summary>Most entries one pack carries; a busier week says it was cut.</summary>
    public const int MaxEntries = 20_000;

    private readonly IAuditStore? _store = services.GetService<IAuditStore>();

    public async Task<(ImmutableArray<PackAuditEntry> Entries, bool Truncated)> GetAsync(DateTimeOffset from, DateTimeOffset until)
    {
        if (_store is null) return ([], false);
        var rows = await _store.QueryAsync(new AuditQuery { From = from, Until = until, Limit = MaxEntries + 1, OldestFirst = true });
        var entries = rows.Take(MaxEntries)
            .Select(r => new PackAuditEntry(r.Seq, r.At, r.Actor, r.Role, r.Unit, r.Address, r.Action, r.Subject, r.Detail))
            .ToImmutableArray();
        return (entries, rows.Length > MaxEntries);
    }
}
