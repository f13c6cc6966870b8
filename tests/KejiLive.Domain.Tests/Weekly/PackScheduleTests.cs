using KejiLive.Domain.Calendar;
using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests.Weekly;

public class PackScheduleTests
{
    [Theory]
    [InlineData("Monday 08:00", DayOfWeek.Monday, 8, 0)]
    [InlineData("friday 17:30", DayOfWeek.Friday, 17, 30)]
    [InlineData("周一 08:00", DayOfWeek.Monday, 8, 0)]
    [InlineData("  Sunday   23:59 ", DayOfWeek.Sunday, 23, 59)]
    public void TryParse_Accepts(string text, DayOfWeek day, int hour, int minute)
    {
        Assert.True(PackSchedule.TryParse(text, out var s));
        Assert.Equal(new PackSchedule(day, new TimeOnly(hour, minute)), s);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Monday")]
    [InlineData("Monday 8:00")]
    [InlineData("Monday 24:00")]
    [InlineData("Mon 08:00")]
    [InlineData("1 08:00")]
    [InlineData("Monday 08:00 extra")]
    public void TryParse_Refuses(string text) => Assert.False(PackSchedule.TryParse(text, out _));

    [Theory]
    // now (Shanghai), next run, week it makes
    [InlineData("2025-07-07T07:59", "2025-07-07T08:00", "2025-W27")]
    [InlineData("2025-07-07T08:00", "2025-07-14T08:00", "2025-W28")]
    [InlineData("2025-07-03T12:00", "2025-07-07T08:00", "2025-W27")]
    [InlineData("2025-12-29T09:00", "2026-01-05T08:00", "2026-W01")]
    public void Next_IsTheComingMonday0800_AndMakesTheWeekJustEnded(string now, string next, string week)
    {
        var s = PackSchedule.Default;
        var n = s.Next(At(now));
        Assert.Equal(At(next), n);
        Assert.Equal(week, PackSchedule.WeekFor(n).ToString());
    }

    private static DateTimeOffset At(string local) =>
        new(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), ShanghaiTime.Offset);
}
