using Microsoft.Extensions.DependencyInjection;

namespace KejiLive.Grains;

/// <summary>The reminder that keeps KejiLive's time-driven grains (the judging scheduler, the weekly pack scheduler, the
/// outboxes) alive in a cluster. Their schedules run on grain timers, which follow the plan clock but die with the silo
/// that holds the grain; an Orleans reminder is stored by the reminder service (Redis in a cluster, memory on one
/// machine) and fires on whichever silo holds the grain now, which re-activates it and lets it re-arm its timers and
/// resume stored work. Idempotent: a wake of a grain whose timers run does nothing.</summary>
public static class WakeReminder
{
    /// <summary>The reminder's name (one per grain).</summary>
    public const string Name = "keji-wake";

    /// <summary>How often it fires: Orleans' shortest reminder period, so a grain lost with its silo is back within about
    /// a minute plus the time membership takes to declare the silo dead.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    /// <summary>Registers (or keeps) the wake reminder of <paramref name="grain"/>.</summary>
    public static Task RegisterAsync(Grain grain) => grain.RegisterOrUpdateReminder(Name, Period, Period);

    /// <summary>Makes sure the silo has a reminder service, once however many KejiLive parts ask: a cluster names its own
    /// (<c>Orleans:Reminders:ProviderType=Redis</c>, configured by Orleans); one machine keeps them in memory, and its
    /// start-up tasks register them again after every start.</summary>
    public static ISiloBuilder AddKejiWakeReminders(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (silo.Services.Any(d => d.ServiceType == typeof(Registered))) return silo;
        silo.Services.AddSingleton<Registered>();
        if (string.IsNullOrWhiteSpace(silo.Configuration["Orleans:Reminders:ProviderType"])) silo.UseInMemoryReminderService();
        return silo;
    }

    /// <summary>Marks a silo whose reminder service <see cref="AddKejiWakeReminders"/> has settled.</summary>
    private sealed class Registered;
}
