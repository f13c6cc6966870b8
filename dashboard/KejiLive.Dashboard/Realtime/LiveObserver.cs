using KejiLive.Dashboard.Observability;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KejiLive.Dashboard.Realtime;

/// <summary>This web node's ear on the cluster: subscribes to the live registry at start and renews on a timer (a
/// registry that moved silo or restarted has forgotten it), and hands every change to the broadcaster. A node co-hosted in
/// a silo names that silo (<paramref name="host"/>) when it subscribes.</summary>
public sealed class LiveObserver(IGrainFactory grains, PlanDocument plan, LiveBroadcaster broadcaster, KejiMetrics metrics, TimeProvider time,
    ILogger<LiveObserver> logger, CoHostingSilo? host = null)
    : BackgroundService, ILiveObserver
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1);

    /// <summary>How long one subscription call may take. A call whose silo died while it was on its way is otherwise
    /// answered only by Orleans' response timeout (30 s), and the renewals (and this node's live feed) would wait for it;
    /// an abandoned call is harmless (subscribing twice is the same as once).</summary>
    private static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(3);

    public Task OnChangesAsync(LiveChanges changes)
    {
        if (changes.PublishedAt is { } publishedAt) metrics.LiveChangesReceived(publishedAt, TimeProvider.System.GetUtcNow());
        broadcaster.Publish(changes);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = grains.CreateObjectReference<ILiveObserver>(this);
        var registry = grains.GetGrain<ILiveRegistryGrain>(GrainKeys.Plan(plan.Id));
        var hostSilo = host?.Address;
        try
        {
            var failing = false;
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = ILiveRegistryGrain.Renew;
                try
                {
                    await registry.SubscribeAsync(self, hostSilo).WaitAsync(SubscribeTimeout, time, stoppingToken);
                    if (failing) logger.LogInformation("Subscribed to live changes again");
                    failing = false;
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Could not subscribe to live changes ({Error}); retrying in {Retry} s", e.Message, RetryAfterFailure.TotalSeconds);
                    failing = true;
                    wait = RetryAfterFailure;
                }
                await Task.Delay(wait, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            grains.DeleteObjectReference<ILiveObserver>(self);
        }
    }
}
