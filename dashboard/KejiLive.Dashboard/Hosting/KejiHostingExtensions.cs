using System.Globalization;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KejiLive.Dashboard.Hosting;

/// <summary>The plan file a process started with and its SHA-256, so a changed plan shows in the audit.</summary>
public sealed record PlanSource(string Path, string Sha256)
{
    public static PlanSource Of(string path) =>
        new(path, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))));
}

/// <summary>What every KejiLive process needs whatever its role: the validated plan and the plan clock.</summary>
public static class KejiHostingExtensions
{
    /// <summary>Default plan file, relative to the application's base directory.</summary>
    public const string DefaultPlanFile = "plans/ganzhou-2025.json";

    /// <summary>Loads and validates the plan named by <c>Plan:File</c> and registers it. On a broken or missing plan,
    /// writes every error to <paramref name="errors"/> and returns null: the host must not start.</summary>
    public static PlanDocument? TryAddKejiPlan(this IHostApplicationBuilder builder, TextWriter errors)
    {
        var configured = builder.Configuration["Plan:File"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, DefaultPlanFile)
            : Path.GetFullPath(configured, builder.Environment.ContentRootPath);
        try
        {
            var plan = PlanLoader.LoadFile(path);
            builder.Services.AddSingleton(plan);
            builder.Services.AddSingleton(PlanSource.Of(path));
            builder.Services.AddSingleton(LoadHolidays(builder, plan, path));
            return plan;
        }
        catch (HolidayFileException e)
        {
            errors.WriteLine($"KejiLive will not start: {e.Message}");
        }
        catch (PlanValidationException e)
        {
            errors.WriteLine($"KejiLive will not start: the plan {path} has {e.Errors.Length} error(s):");
            foreach (var error in e.Errors) errors.WriteLine("  " + error);
        }
        catch (IOException e)
        {
            errors.WriteLine($"KejiLive will not start: cannot read the plan {path}: {e.Message}");
        }
        return null;
    }

    /// <summary>The statutory holidays and 调休 workdays of the plan year (<c>Plan:Holidays</c>, default
    /// <c>holidays-&lt;year&gt;.json</c> beside the plan): working days matter for escalation deadlines and mute windows.
    /// A year without a file is treated as weekdays only, and says so.</summary>
    private static HolidayCalendar LoadHolidays(IHostApplicationBuilder builder, PlanDocument plan, string planPath)
    {
        var configured = builder.Configuration["Plan:Holidays"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(Path.GetDirectoryName(planPath)!, $"holidays-{plan.Year}.json")
            : Path.GetFullPath(configured, builder.Environment.ContentRootPath);
        if (File.Exists(path)) return HolidayCalendar.LoadFile(path);
        Console.Error.WriteLine($"KejiLive: no holiday file {path}; {plan.Year} is treated as weekdays only (no statutory holidays).");
        return HolidayCalendar.WeekdaysOnly(plan.Year);
    }

    /// <summary>Registers the <see cref="PlanClock"/> from <c>Clock:Now</c> (ISO 8601 with offset) and <c>Clock:Speed</c>
    /// (default 1) over the host's <see cref="TimeProvider"/>. Throws with the key's name when a value is malformed.</summary>
    public static IHostApplicationBuilder AddKejiClock(this IHostApplicationBuilder builder)
    {
        var (now, speed) = ReadClockSettings(builder.Configuration);
        builder.Services.AddSingleton(sp => new PlanClock(sp.GetService<TimeProvider>() ?? TimeProvider.System, now, speed));
        return builder;
    }

    private static (DateTimeOffset? Now, double Speed) ReadClockSettings(IConfiguration configuration)
    {
        DateTimeOffset? now = null;
        var nowText = configuration["Clock:Now"];
        if (!string.IsNullOrWhiteSpace(nowText))
        {
            if (!nowText.Contains('T', StringComparison.Ordinal)
                || !DateTimeOffset.TryParse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw new InvalidOperationException($"Clock:Now '{nowText}' is not an ISO 8601 instant with an offset, e.g. 2025-06-30T09:00:00+08:00.");
            }
            now = parsed;
        }
        var speed = 1.0;
        var speedText = configuration["Clock:Speed"];
        if (!string.IsNullOrWhiteSpace(speedText)
            && (!double.TryParse(speedText, NumberStyles.Float, CultureInfo.InvariantCulture, out speed) || !(speed > 0) || double.IsInfinity(speed)))
        {
            throw new InvalidOperationException($"Clock:Speed '{speedText}' must be a positive number (plan seconds per real second).");
        }
        return (now, speed);
    }
}
