using System.Globalization;
using KejiLive.Domain.Calendar;

namespace KejiLive.Domain.Weekly;

/// <summary>When the weekly pack is generated: a weekday and a time of day in Asia/Shanghai (configuration
/// <c>Reports:WeeklyAt</c>, default <c>Monday 08:00</c>). Each run makes the pack of the last week that has ended.</summary>
public sealed record PackSchedule(DayOfWeek Day, TimeOnly Time)
{
    /// <summary>Monday 08:00.</summary>
    public static PackSchedule Default { get; } = new(DayOfWeek.Monday, new TimeOnly(8, 0));

    private static readonly string[] ChineseDays = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

    /// <summary>Parses <c>Monday 08:00</c> (English day name, any case) or <c>周一 08:00</c>; HH:mm in 24-hour time.</summary>
    public static bool TryParse(string? text, out PackSchedule schedule)
    {
        schedule = Default;
        var parts = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts is not { Length: 2 }) return false;
        DayOfWeek day;
        var zh = Array.IndexOf(ChineseDays, parts[0]);
        if (zh >= 0) day = (DayOfWeek)zh;
        else if (!Enum.TryParse(parts[0], ignoreCase: true, out day) || !Enum.IsDefined(day) || int.TryParse(parts[0], out _)) return false;
        if (!TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)) return false;
        schedule = new PackSchedule(day, time);
        return true;
    }

    /// <summary>The first scheduled instant strictly after <paramref name="now"/>.</summary>
    public DateTimeOffset Next(DateTimeOffset now)
    {
        var last = Last(now);
        return last > now ? last : last.AddDays(7);
    }

    /// <summary>The latest scheduled instant at or before <paramref name="now"/>.</summary>
    public DateTimeOffset Last(DateTimeOffset now)
    {
        var date = ShanghaiTime.DateOf(now);
        var back = ((int)date.DayOfWeek - (int)Day + 7) % 7;
        var candidate = ShanghaiTime.StartOf(date.AddDays(-back)) + Time.ToTimeSpan();
        return candidate <= now ? candidate : candidate.AddDays(-7);
    }

    /// <summary>The week a run at <paramref name="runAt"/> makes: the last week that has ended by then.</summary>
    public static IsoWeek WeekFor(DateTimeOffset runAt) => IsoWeek.Of(ShanghaiTime.DateOf(runAt)).Previous;

    public override string ToString() => $"{Day} {Time:HH\\:mm}";
}
