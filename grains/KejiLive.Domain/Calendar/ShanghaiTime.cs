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

    /// <summary>The next Shanghai midnight strictly after <paramref name="instant"/>.</summary>
    public static DateTimeOffset NextMidnight(DateTimeOffset instant) => StartOf(DateOf(instant).AddDays(1));
}
