namespace KejiLive.Domain.Calendar;

/// <summary>Calendar arithmetic in Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991, so a
/// fixed offset is exact for every date this system handles and needs no tz database on the host.</summary>
public static class ShanghaiTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The Asia/Shanghai calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>The instant a Shanghai calendar day starts (00:00 +08:00).</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>Whole calendar days in Asia/Shanghai from <paramref name="from"/> to <paramref name="to"/>, never negative:
    /// a 督办 opened at 09:34 on 20 October has waited 1 day on 21 October at 00:41. Every "待答复 N 天" and "已 N 天" counts
    /// this way, on the server and on the pages.</summary>
    public static int DaysBetween(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, DateOf(to).DayNumber - DateOf(from).DayNumber);

    /// <summary>The next Shanghai midnight strictly after <paramref name="instant"/>.</summary>
    public static DateTimeOffset NextMidnight(DateTimeOffset instant) => StartOf(DateOf(instant).AddDays(1));
}
