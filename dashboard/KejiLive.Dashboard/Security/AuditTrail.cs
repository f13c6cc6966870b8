using System.Collections.Immutable;
using KejiLive.Domain.Security;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.AspNetCore.Http;

namespace KejiLive.Dashboard.Security;

/// <summary>Writes what a request changed to the audit log: the caller's name, role and unit, the address it came from,
/// the plan clock's time. Called after the change is durable; a change that was refused is not audited (nothing changed).
/// Stored reports are not written here: their grain commits their entries with them (<see cref="ContextOf"/>).</summary>
public sealed class AuditTrail(IGrainFactory grains, PlanClock clock)
{
    /// <summary>Longest detail kept per entry; a long note is cut with a mark, the full text stays with the report.</summary>
    public const int MaxDetail = ReportAuditText.MaxDetail;

    public Task RecordAsync(HttpContext http, string action, string subject, string detail = "") =>
        RecordAsync(http, [(action, subject, detail)]);

    public async Task RecordAsync(HttpContext http, IReadOnlyList<(string Action, string Subject, string Detail)> changes)
    {
        if (changes.Count == 0) return;
        var at = clock.GetUtcNow();
        var user = http.User;
        var entries = changes.Select(c => new AuditRecord
        {
            At = at,
            Actor = http.ActorName(),
            Role = RoleName(http),
            Unit = user.UnitOf(),
            Address = http.Address(),
            Action = c.Action,
            Subject = c.Subject,
            Detail = ReportAuditText.Cut(c.Detail),
        }).ToImmutableArray();
        await grains.GetGrain<IAuditGrain>(IAuditGrain.Key).AppendAsync(entries);
    }

    /// <summary>Who sends a request that stores reports, for the audit entries the target × unit grains write in the
    /// same commit as the reports (<see cref="ReportAuditContext"/>). <paramref name="via"/> names the channel when it is
    /// not the JSON API (e.g. "upload").</summary>
    public static ReportAuditContext ContextOf(HttpContext http, string? via = null) => new()
    {
        Actor = http.ActorName(),
        Role = RoleName(http),
        Unit = http.User.UnitOf(),
        Address = http.Address(),
        Via = via,
    };

    private static string RoleName(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true ? http.User.RoleOf().ToString().ToLowerInvariant() : "anonymous";
}
