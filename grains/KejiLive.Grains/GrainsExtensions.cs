using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using KejiLive.Grains.Alerts;
using KejiLive.Grains.Reports;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains;

/// <summary>Wires the KejiLive grains into a silo. The host registers the grain storage named <see cref="StorageNames.Keji"/>.</summary>
public static class GrainsExtensions
{
    /// <summary>Registers the plan and the plan clock (unless the host already did) and starts judging the whole plan when
    /// the silo starts (a city plan is judged before the first request; see <see cref="FirstJudgementWait"/>).</summary>
    public static ISiloBuilder AddKejiGrains(this ISiloBuilder silo, PlanDocument plan)
    {
        silo.AddKejiGrainServices(plan);
        silo.AddStartupTask(async (sp, cancellationToken) =>
        {
            foreach (var before in sp.GetServices<IBeforeFirstJudgement>()) await before.RunAsync(cancellationToken);
            var scheduler = sp.GetRequiredService<IGrainFactory>().GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(plan.Id));
            await scheduler.StartAsync();
            await WaitForFirstJudgementAsync(scheduler, sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GrainsExtensions)), cancellationToken);
        });
        // Expired page sessions nobody reads again are deleted by the sweep, also after a restart.
        silo.AddStartupTask((sp, _) => sp.GetRequiredService<IGrainFactory>().GetGrain<ISessionSweepGrain>(ISessionSweepGrain.Key).ResumeAsync());
        return silo;
    }

    /// <summary>Everything <see cref="AddKejiGrains"/> registers except the start-up judgement: for a host that starts the
    /// first judgement itself (the grain benchmark measures memory before and after it).</summary>
    public static ISiloBuilder AddKejiGrainServices(this ISiloBuilder silo, PlanDocument plan)
    {
        silo.Services.TryAddSingleton(plan);
        silo.Services.TryAddSingleton(sp => new PlanClock(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        // Hosts load the year's holiday file; without one, weekends are the only days off.
        silo.Services.TryAddSingleton(HolidayCalendar.WeekdaysOnly(plan.Year));
        silo.Services.AddOptions<AlertRoutingOptions>();
        // The weekly pack reads 督办 from the alert index and announces itself through the city office's outboxes.
        silo.Services.TryAddSingleton<IPackAlertSource, AlertIndexPackSource>();
        silo.Services.TryAddSingleton<AuditPackSource>();
        silo.Services.TryAddSingleton<IPackReadyNotifier, OutboxPackReadyNotifier>();
        silo.Services.TryAddSingleton<IProgressChartRenderer, NoAlertCharts>();
        silo.Services.AddMetrics();
        silo.Services.TryAddSingleton<JudgeMetrics>();
        silo.Services.TryAddSingleton<JudgementPublisher>();
        silo.Services.TryAddSingleton<UnitCardPublisher>();
        silo.Services.TryAddSingleton<AlertFigurePublisher>();
        silo.AddKejiWakeReminders();
        return silo;
    }

    /// <summary>How long a starting silo waits for the first complete judgement before it serves: a city plan is judged
    /// well within it (every light is current before the first request); a national one goes on judging in the
    /// background while <c>/health</c> reports its progress.</summary>
    public static readonly TimeSpan FirstJudgementWait = TimeSpan.FromSeconds(15);

    private static async Task WaitForFirstJudgementAsync(IJudgeSchedulerGrain scheduler, ILogger logger, CancellationToken cancellationToken)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < FirstJudgementWait)
        {
            if (await scheduler.GetLastAsync() is not null) return;
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        }
        var progress = await scheduler.GetProgressAsync();
        logger.LogInformation("The first judgement is still running ({Done} of {Total} target × unit); serving meanwhile, /health reports its progress",
            progress.Done, progress.Total);
    }
}
