using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KejiLive.Grains.Alerts;

/// <summary>All alerts of the plan, by id: a view rebuilt from every alerts grain on activation and kept current by their
/// one-way updates (the newest history wins when updates cross).</summary>
public sealed class AlertIndexGrain(PlanDocument plan, PlanClock clock, IOptions<AlertRoutingOptions> routing, ILogger<AlertIndexGrain> logger)
    : Grain, IAlertIndexGrain
{
    private readonly Dictionary<string, AlertView> _alerts = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var keys = plan.Targets.SelectMany(t => t.Assignments.Select(a => GrainKeys.Target(t.Id, a.UnitId)))
            .Concat(plan.Units.Where(u => u.IsRanked).Select(u => GrainKeys.UnitAlerts(u.Id)));
        var all = await Task.WhenAll(keys.Select(k => GrainFactory.GetGrain<IAlertsGrain>(k).GetAsync()));
        foreach (var alert in all.SelectMany(a => a)) Keep(alert);
    }

    public Task UpdateAsync(ImmutableArray<AlertView> alerts)
    {
        foreach (var alert in alerts) Keep(alert);
        return Task.CompletedTask;
    }

    public async Task SendDailyDigestAsync(DateOnly day)
    {
        var now = clock.GetUtcNow();
        if (AlertDigest.Build(plan, [.. _alerts.Values], day, now) is not var (title, markdown)) return;
        var link = $"{routing.Value.PublicUrl.TrimEnd('/')}/wall";
        foreach (var contactPoint in AlertRoutes.City(plan, routing.Value))
        {
            var outcome = await GrainFactory.GetGrain<IOutboxGrain>(contactPoint).EnqueueAsync(new Notification
            {
                IdempotencyKey = $"digest/{day:yyyyMMdd}@{contactPoint}",
                ContactPointId = contactPoint,
                Kind = NotificationKind.Digest,
                Unit = "city",
                UnitName = "市科技局",
                Title = title,
                Markdown = markdown,
                AlertIds = [.. _alerts.Values.Where(a => a.State is "open" or "acknowledged").Select(a => a.Id)],
                Link = link,
                CreatedAt = now,
            });
            if (outcome == EnqueueOutcome.Refused) logger.LogError("Outbox {ContactPoint} is full (Alerts:MaxPending): {Kind} notification refused", contactPoint, "AlertIndexGrain");
        }
    }

    public Task<ImmutableArray<AlertView>> QueryAsync(string? unit, string? state) => Task.FromResult(_alerts.Values
        .Where(a => unit is null || a.Unit == unit)
        .Where(a => state is null || a.State == state)
        .OrderByDescending(a => a.ChangedAt)
        .ToImmutableArray());

    private void Keep(AlertView alert)
    {
        if (_alerts.TryGetValue(alert.Id, out var held) && held.History.Length > alert.History.Length) return;
        _alerts[alert.Id] = alert;
    }
}
