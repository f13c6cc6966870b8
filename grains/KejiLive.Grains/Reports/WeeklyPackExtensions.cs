using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KejiLive.Grains.Reports;

/// <summary>Wires the weekly pack into a silo: the renderer, the schedule from <c>Reports:WeeklyAt</c> and how long a page
/// waits for a pack being built from <c>Reports:BuildWait</c>, the default
/// notifier and alert source (replaceable by registering others first), and a start-up task that starts the scheduler.</summary>
public static class WeeklyPackExtensions
{
    /// <summary>Registers the weekly pack. <paramref name="renderer"/> is created by the host (it checks the chart font,
    /// so a host without it fails here, at start-up).</summary>
    /// <exception cref="InvalidOperationException"><c>Reports:WeeklyAt</c> is malformed, or <c>Reports:BuildWait</c> out of range.</exception>
    public static ISiloBuilder AddKejiWeeklyPacks(this ISiloBuilder silo, IConfiguration configuration, IWeeklyPackRenderer renderer)
    {
        var text = configuration["Reports:WeeklyAt"];
        var schedule = PackSchedule.Default;
        if (!string.IsNullOrWhiteSpace(text) && !PackSchedule.TryParse(text, out schedule))
        {
            throw new InvalidOperationException($"Reports:WeeklyAt '{text}' must be a weekday and a 24-hour time, e.g. \"Monday 08:00\" or \"周一 08:00\" (Asia/Shanghai).");
        }
        var wait = configuration.GetValue("Reports:BuildWait", TimeSpan.FromSeconds(20));
        if (wait < TimeSpan.Zero || wait > TimeSpan.FromSeconds(25))
        {
            throw new InvalidOperationException($"Reports:BuildWait '{wait}' must be between 00:00:00 and 00:00:25 (a grain call may take 30 s).");
        }
        silo.Services.AddSingleton(renderer);
        silo.Services.AddSingleton(new WeeklyPackOptions(schedule) { BuildWait = wait });
        silo.Services.TryAddSingleton<IPackReadyNotifier, LoggingPackReadyNotifier>();
        silo.Services.TryAddSingleton<IPackAlertSource, NoPackAlerts>();
        silo.Services.TryAddSingleton<AuditPackSource>();
        silo.AddKejiWakeReminders();
        silo.AddStartupTask(async (sp, _) =>
        {
            var plan = sp.GetRequiredService<PlanDocument>();
            await sp.GetRequiredService<IGrainFactory>().GetGrain<IWeeklyPackSchedulerGrain>(GrainKeys.Plan(plan.Id)).StartAsync();
        });
        return silo;
    }
}
