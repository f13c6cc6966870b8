using KejiLive.Domain.Calendar;

namespace KejiLive.Domain.Alerts;

/// <summary>When notices may be delivered, in Asia/Shanghai: not in the nightly quiet hours, not on weekends or statutory
/// holidays (a 调休 weekend workday is a working day and not muted), not while a matching silence is active. A notice
/// raised inside a mute window is deferred to the window's end, never dropped.</summary>
public static class MuteWindows
{
    /// <summary>True when a notice of <paramref name="key"/> may not be delivered at <paramref name="instant"/>.</summary>
    public static bool IsMuted(DateTimeOffset instant, AlertKey key, AlertSettings settings, HolidayCalendar calendar, IReadOnlyList<Silence> silences) =>
        MutedUntil(instant, key, settings, calendar, silences) is not null;

    /// <summary>The earliest instant at or after <paramref name="now"/> outside every mute window: <paramref name="now"/>
    /// itself when nothing mutes it; otherwise the end of the window, pushed on through any window that follows
    /// (e.g. 22:00 Friday → 08:00 Monday; in 国庆 → 08:00 on 9 October).</summary>
    public static DateTimeOffset NextDeliveryInstant(DateTimeOffset now, AlertKey key, AlertSettings settings, HolidayCalendar calendar, IReadOnlyList<Silence> silences)
    {
        var t = now;
        for (var i = 0; i < 100_000; i++)
        {
            if (MutedUntil(t, key, settings, calendar, silences) is not { } end) return t;
            t = end;
        }
        throw new InvalidOperationException("no delivery instant found: the mute windows never end");
    }

    /// <summary>The end of the latest-ending mute window containing <paramref name="instant"/>, or null when not muted.</summary>
    public static DateTimeOffset? MutedUntil(DateTimeOffset instant, AlertKey key, AlertSettings settings, HolidayCalendar calendar, IReadOnlyList<Silence> silences)
    {
        DateTimeOffset? end = null;
        void Extend(DateTimeOffset e) => end = end is { } x && x >= e ? x : e;
        var date = ShanghaiTime.DateOf(instant);
        if (settings.MuteNonWorkingDays && !calendar.IsWorkingDay(date)) Extend(ShanghaiTime.StartOf(date.AddDays(1)));
        if (QuietUntil(instant, settings) is { } q) Extend(q);
        foreach (var s in silences)
        {
            if (s.Matches(key) && s.IsActiveAt(instant)) Extend(s.Until);
        }
        return end;
    }

    /// <summary>The end of the quiet hours containing <paramref name="instant"/>, or null outside them.</summary>
    public static DateTimeOffset? QuietUntil(DateTimeOffset instant, AlertSettings settings)
    {
        var from = settings.QuietFrom;
        var until = settings.QuietUntil;
        if (from == until) return null;
        var date = ShanghaiTime.DateOf(instant);
        var time = TimeOnly.FromTimeSpan(instant.ToOffset(ShanghaiTime.Offset).TimeOfDay);
        DateTimeOffset At(DateOnly d) => ShanghaiTime.StartOf(d).Add(until.ToTimeSpan());
        if (from < until) return time >= from && time < until ? At(date) : null;
        if (time >= from) return At(date.AddDays(1));
        return time < until ? At(date) : null;
    }
}
