using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using KejiLive.Grains.Alerts;
using KejiLive.Grains.Reports;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KejiLive.Grains;

/// <summary>Wires the KejiLive grains into a silo. The host registers the grain storage named <see cref="StorageNames.Keji"/>.</summary>
public static class GrainsExtensions
{
    /// <summary>Registers the plan and the plan clock (unless the host already did) and judges the whole plan when the
    /// silo starts, so every target is live and judged before the first request.</summary>
    public static ISiloBuilder AddKejiGrains(this ISiloBuilder silo, PlanDocument plan)
    {
        silo.AddKejiGrainServices(plan);
        silo.AddStartupTask(async (sp, _) =>
        {
            var grains = sp.GetRequiredService<IGrainFactory>();
            await grains.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(plan.Id)).StartAsync();
        });
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
        return silo;
    }
}
