using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains.Alerts;

/// <summary>Hands the 督办 of one silo whose figure alone moved (an open alert's gap, a unit's count of 未报送 targets) to
/// the alert index and the wall's feed, in batches (<see cref="PublishWindow{T}"/>: at most 50 ms, at once when idle).</summary>
/// <remarks>An alert's gap moves with every report of a unit behind plan. Its state is stored later
/// (<c>TargetAlertStep.OnlyFiguresMoved</c>), and telling the index one message per report was most of what such a
/// report cost; without any message the 督办 pages showed the gap of the alert's last change beside a tile showing today's
/// ("较序时落后 22.3 个百分点" beside −8.0). Batched, a window of reports costs the index and the feed one message each.
/// Memory only: a silo that dies loses at most one window of figures, which the unit's next judgement sends again.</remarks>
public sealed class AlertFigurePublisher
{
    private readonly ILogger<AlertFigurePublisher> _logger;
    private readonly Lazy<IAlertIndexGrain> _index;
    private readonly Lazy<ILiveFeedGrain> _feed;
    private readonly PublishWindow<AlertView> _window;

    public AlertFigurePublisher(IGrainFactory grains, PlanDocument plan, ILogger<AlertFigurePublisher> logger)
    {
        _logger = logger;
        _index = new Lazy<IAlertIndexGrain>(() => grains.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(plan.Id)));
        _feed = new Lazy<ILiveFeedGrain>(() => grains.GetGrain<ILiveFeedGrain>(0));
        _window = new PublishWindow<AlertView>(Send);
    }

    /// <summary>Queues <paramref name="alert"/> (a later view of the same alert replaces one still waiting).</summary>
    public void Publish(AlertView alert) => _window.Add(alert.Id, alert, static (_, later) => later);

    /// <summary>Sends whatever waits now, without waiting for the window.</summary>
    public void FlushNow() => _window.FlushNow();

    private void Send(Dictionary<string, AlertView> batch)
    {
        var alerts = batch.Values.ToImmutableArray();
        OneWayMessages.Send(_logger, "alert index", () => _index.Value.UpdateAsync(alerts));
        OneWayMessages.Send(_logger, "live feed", () => _feed.Value.PublishAsync(new LiveChanges { Alerts = alerts }));
    }
}
