using KejiLive.Domain.Alerts;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Reports;

namespace KejiLive.Grains.Alerts;

/// <summary>Feeds the weekly pack with the 督办 of the alert index: each alert with when it ended (resolved or closed)
/// and what the unit answered.</summary>
public sealed class AlertIndexPackSource(IGrainFactory grains) : IPackAlertSource
{
    public async Task<IReadOnlyList<PackAlert>> GetAlertsAsync(PlanDocument plan, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var alerts = await grains.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(plan.Id)).QueryAsync(null, null);
        return [.. alerts.Where(a => a.OpenedAt <= until).Select(ToPack)];
    }

    private static PackAlert ToPack(AlertView a)
    {
        // Only an alert that is not live now has ended: a reopened one (resolved or closed, then open again) is live.
        var ended = a.State is "resolved" or "closed"
            ? a.History.LastOrDefault(c => c.To is "resolved" or "closed" && c.From is "open" or "acknowledged")?.At
            : null;
        var state = a.State switch
        {
            "acknowledged" => PackAlertState.Acknowledged,
            "resolved" => PackAlertState.Resolved,
            "closed" => PackAlertState.Closed,
            _ => PackAlertState.Open,
        };
        // The pack shows what people read (落后序时进度, 黄), not the API's codes (behind, yellow).
        return new PackAlert(a.Id, a.Unit, a.Target, AlertNames.RuleOfCodeName(a.Rule), AlertNames.SeverityOfCodeName(a.Severity),
            state, a.OpenedAt, ended, a.Remedy, a.PromisedBy);
    }
}
