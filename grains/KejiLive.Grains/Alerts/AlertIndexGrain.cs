using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KejiLive.Grains.Alerts;

/// <summary>All alerts of the plan, by id: a view rebuilt from every alerts grain on activation and kept current by their
/// one-way updates (the newest history wins when updates cross). After a change, the plan-wide tally goes to the live
/// feed through a <see cref="PublishWindow{T}"/> (the latest per window), so walls keep true totals.</summary>
public sealed class AlertIndexGrain : Grain, IAlertIndexGrain
{
    private readonly PlanDocument plan;
    private readonly PlanClock clock;
    private readonly IOptions<AlertRoutingOptions> routing;
    private readonly ILogger<AlertIndexGrain> logger;

    // Versions start from real time so that a later activation's tallies are newer than an earlier one's.
    private readonly AlertBook _alerts = new(TimeProvider.System.GetUtcNow().UtcTicks);
    private readonly PublishWindow<AlertTally> _tallies;

    public AlertIndexGrain(PlanDocument plan, PlanClock clock, IOptions<AlertRoutingOptions> routing, IGrainFactory grains, ILogger<AlertIndexGrain> logger)
    {
        this.plan = plan;
        this.clock = clock;
        this.routing = routing;
        this.logger = logger;
        var feed = new Lazy<ILiveFeedGrain>(() => grains.GetGrain<ILiveFeedGrain>(0));
        _tallies = new PublishWindow<AlertTally>(batch =>
        {
            foreach (var tally in batch.Values)
            {
                OneWayMessages.Send(logger, "live feed", () => feed.Value.PublishAsync(new LiveChanges { AlertTally = tally }));
            }
        });
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var keys = plan.Targets.SelectMany(t => t.Assignments.Select(a => GrainKeys.Target(t.Id, a.UnitId)))
            .Concat(plan.Units.Where(u => u.IsRanked).Select(u => GrainKeys.UnitAlerts(u.Id)));
        var all = await Task.WhenAll(keys.Select(k => GrainFactory.GetGrain<IAlertsGrain>(k).GetAsync()));
        foreach (var alert in all.SelectMany(a => a)) _alerts.Keep(alert);
    }

    public Task KeepAsync(ImmutableArray<AlertView> alerts) => UpdateAsync(alerts);

    public Task UpdateAsync(ImmutableArray<AlertView> alerts)
    {
        var changed = false;
        foreach (var alert in alerts) changed |= _alerts.Keep(alert);
        if (changed) _tallies.Add("plan", _alerts.Tally(null), static (_, later) => later);
        return Task.CompletedTask;
    }

    public async Task SendDailyDigestAsync(DateOnly day)
    {
        var now = clock.GetUtcNow();
        if (AlertDigest.Build(plan, [.. _alerts.All], day, now) is not var (title, markdown)) return;
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
                AlertIds = [.. _alerts.All.Where(a => a.State is "open" or "acknowledged").Select(a => a.Id)],
                Link = link,
                CreatedAt = now,
            });
            if (outcome == EnqueueOutcome.Refused) logger.LogError("Outbox {ContactPoint} is full (Alerts:MaxPending): {Kind} notification refused", contactPoint, "AlertIndexGrain");
        }
    }

    public Task<ImmutableArray<AlertView>> QueryAsync(string? unit, string? state) =>
        Task.FromResult(_alerts.Page(new AlertPageQuery { Unit = unit, State = state }).Items);

    public Task<AlertPage> PageAsync(AlertPageQuery query) => Task.FromResult(_alerts.Page(query));

    public Task<AlertWall> WallAsync(string? unit, int? limit) =>
        Task.FromResult(new AlertWall { Alerts = _alerts.NewestLive(unit, limit), Tally = _alerts.Tally(unit) });
}
