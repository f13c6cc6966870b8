using System.Globalization;
using System.Text.RegularExpressions;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KejiLive.Dashboard.Hosting;

/// <summary>What every KejiLive process needs whatever its role: the validated plan and the plan clock.</summary>
public static partial class KejiHostingExtensions
{
    /// <summary>Default plan file, relative to the application's base directory.</summary>
    public const string DefaultPlanFile = "plans/ganzhou-2025.json";

    /// <summary>The form <c>Clock:Now</c> must have, as error messages show it.</summary>
    public const string ClockNowExample = "2025-07-02T10:00:00+08:00";

    /// <summary>Loads and validates the plan named by <c>Plan:File</c> and its holiday file, and registers them. On a
    /// broken, missing or unreadable plan, or a holiday file named by <c>Plan:Holidays</c> that is missing or broken,
    /// writes the problem to <paramref name="errors"/> (a plan with several errors: one line, then every error) and
    /// returns null: the host must not start.</summary>
    public static PlanDocument? TryAddKejiPlan(this IHostApplicationBuilder builder, TextWriter errors)
    {
        var configured = builder.Configuration["Plan:File"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, DefaultPlanFile)
            : Path.GetFullPath(configured, builder.Environment.ContentRootPath);
        PlanDocument plan;
        PlanSource source;
        try
        {
            plan = PlanLoader.LoadFile(path);
            source = PlanSource.Of(path);
        }
        catch (PlanValidationException e) when (e.Errors.Length == 1)
        {
            KejiStartup.Refuse(errors, $"the plan {path} (Plan:File) is invalid: {e.Errors[0]}");
            return null;
        }
        catch (PlanValidationException e)
        {
            KejiStartup.Refuse(errors, $"the plan {path} (Plan:File) has {e.Errors.Length} errors:");
            foreach (var error in e.Errors) errors.WriteLine("  " + error);
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            KejiStartup.Refuse(errors, $"the plan file {path} does not exist (set Plan:File to the plan to load).");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            KejiStartup.Refuse(errors, $"cannot read the plan {path} (Plan:File): {e.Message}");
            return null;
        }
        if (TryLoadHolidays(builder, plan, path, errors) is not { } holidays) return null;
        builder.Services.AddSingleton(plan);
        builder.Services.AddSingleton(source);
        builder.Services.AddSingleton(holidays);
        return plan;
    }

    /// <summary>The statutory holidays and 调休 workdays of the plan year (<c>Plan:Holidays</c>, default
    /// <c>holidays-&lt;year&gt;.json</c> beside the plan): working days matter for escalation deadlines and mute windows.
    /// A year without its default file is treated as weekdays only, and says so; a file named explicitly must exist.</summary>
    private static HolidayCalendar? TryLoadHolidays(IHostApplicationBuilder builder, PlanDocument plan, string planPath, TextWriter errors)
    {
        var configured = builder.Configuration["Plan:Holidays"];
        var explicitly = !string.IsNullOrWhiteSpace(configured);
        var path = explicitly
            ? Path.GetFullPath(configured!, builder.Environment.ContentRootPath)
            : Path.Combine(Path.GetDirectoryName(planPath)!, $"holidays-{plan.Year}.json");
        if (!explicitly && !File.Exists(path))
        {
            errors.WriteLine($"KejiLive: no holiday file {path}; {plan.Year} is treated as weekdays only (no statutory holidays).");
            return HolidayCalendar.WeekdaysOnly(plan.Year);
        }
        try
        {
            return HolidayCalendar.LoadFile(path);
        }
        catch (HolidayFileException e)
        {
            KejiStartup.Refuse(errors, $"the holiday file {path} (Plan:Holidays) is invalid: {string.Join("; ", e.Errors)}");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            KejiStartup.Refuse(errors, $"the holiday file {path} does not exist (Plan:Holidays names it; leave it unset for holidays-{plan.Year}.json beside the plan).");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            KejiStartup.Refuse(errors, $"cannot read the holiday file {path} (Plan:Holidays): {e.Message}");
        }
        return null;
    }

    /// <summary>Registers the <see cref="PlanClock"/> from <c>Clock:Now</c> (ISO 8601 with offset) and <c>Clock:Speed</c>
    /// (default 1) over the host's <see cref="TimeProvider"/>.</summary>
    /// <exception cref="KejiStartupException">A value is malformed; the message names the key and the expected form.</exception>
    public static IHostApplicationBuilder AddKejiClock(this IHostApplicationBuilder builder)
    {
        var (now, speed) = ReadClockSettings(builder.Configuration);
        builder.Services.AddSingleton(sp => new PlanClock(sp.GetService<TimeProvider>() ?? TimeProvider.System, now, speed));
        return builder;
    }

    /// <summary>Reads <c>Clock:Now</c> and <c>Clock:Speed</c>. <c>Clock:Now</c> must carry its offset (or <c>Z</c>):
    /// <see cref="DateTimeOffset.TryParse(string, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/> alone reads
    /// <c>2025-07-02T10:00:00</c> or <c>2025-07-02</c> as the machine's local time (UTC on a server: every light and
    /// deadline 8 hours off), so the form is checked first.</summary>
    /// <exception cref="KejiStartupException">A value is malformed.</exception>
    public static (DateTimeOffset? Now, double Speed) ReadClockSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        DateTimeOffset? now = null;
        var nowText = configuration["Clock:Now"];
        if (!string.IsNullOrWhiteSpace(nowText))
        {
            var text = nowText.Trim();
            if (!IsoInstantWithOffset().IsMatch(text)
                || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                throw new KejiStartupException(
                    $"Clock:Now '{nowText}' is not an ISO 8601 instant with an offset; expected the form {ClockNowExample} (Asia/Shanghai is +08:00).");
            }
            now = parsed;
        }
        var speed = 1.0;
        var speedText = configuration["Clock:Speed"];
        if (!string.IsNullOrWhiteSpace(speedText)
            && (!double.TryParse(speedText, NumberStyles.Float, CultureInfo.InvariantCulture, out speed) || !(speed > 0) || double.IsInfinity(speed)))
        {
            throw new KejiStartupException($"Clock:Speed '{speedText}' must be a positive number (plan seconds per real second, e.g. 1 or 3600).");
        }
        return (now, speed);
    }

    /// <summary>Date, time to the minute or finer, and an explicit offset: <c>2025-07-02T10:00:00+08:00</c>,
    /// <c>2025-07-02T02:00Z</c>, <c>2025-07-02T10:00:00.5+08:00</c>.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoInstantWithOffset();
}
