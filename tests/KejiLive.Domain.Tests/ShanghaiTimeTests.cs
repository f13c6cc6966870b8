using KejiLive.Domain.Calendar;

namespace KejiLive.Domain.Tests;

/// <summary>Days counted as a person in Ganzhou counts them: calendar days in Asia/Shanghai, whatever the server's zone.</summary>
public sealed class ShanghaiTimeTests
{
    [Theory]
    // from, to → days
    [InlineData("2025-10-20T09:34:00+08:00", "2025-10-21T00:41:00+08:00", 1)]   // past midnight: a day, though 15 hours
    [InlineData("2025-10-20T09:34:00+08:00", "2025-10-20T23:59:00+08:00", 0)]   // the same day
    [InlineData("2025-10-20T00:00:00+08:00", "2025-10-22T23:59:59+08:00", 2)]
    [InlineData("2025-10-19T17:00:00+00:00", "2025-10-20T01:00:00+00:00", 0)]   // both 20 October in Shanghai (01:00, 09:00)
    [InlineData("2025-10-19T15:00:00+00:00", "2025-10-19T17:00:00+00:00", 1)]   // 23:00 on the 19th → 01:00 on the 20th
    [InlineData("2025-12-31T23:00:00+08:00", "2026-01-01T01:00:00+08:00", 1)]   // across the year
    [InlineData("2025-10-21T09:00:00+08:00", "2025-10-20T09:00:00+08:00", 0)]   // never negative
    public void DaysBetween_CountsShanghaiCalendarDays(string from, string to, int days) =>
        Assert.Equal(days, ShanghaiTime.DaysBetween(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture)));
}
