using KejiLive.Domain.Calendar;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class HolidayCalendarTests
{
    private static readonly HolidayCalendar Cal = HolidayCalendar.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "holidays-2025.json"));

    [Theory]
    [InlineData("2025-01-01", false)] // 元旦 (Wednesday)
    [InlineData("2025-01-02", true)]
    [InlineData("2025-01-26", true)]  // 春节调休: Sunday worked
    [InlineData("2025-01-28", false)]
    [InlineData("2025-02-04", false)]
    [InlineData("2025-02-05", true)]
    [InlineData("2025-02-08", true)]  // Saturday worked
    [InlineData("2025-03-08", false)] // ordinary Saturday
    [InlineData("2025-03-09", false)] // ordinary Sunday
    [InlineData("2025-03-10", true)]  // ordinary Monday
    [InlineData("2025-04-27", true)]
    [InlineData("2025-05-05", false)]
    [InlineData("2025-09-28", true)]
    [InlineData("2025-10-08", false)] // 国庆·中秋, a Wednesday
    [InlineData("2025-10-09", true)]
    [InlineData("2025-10-11", true)]
    [InlineData("2025-10-12", false)]
    public void IsWorkingDay_In2025_FollowsStateCouncilNotice(string date, bool expected)
    {
        Assert.Equal(expected, Cal.IsWorkingDay(Fx.D(date)));
    }

    [Theory]
    [InlineData("2025-09-30", 1, "2025-10-09")]
    [InlineData("2025-09-30", 2, "2025-10-10")]
    [InlineData("2025-09-30", 3, "2025-10-11")]
    [InlineData("2025-09-30", 4, "2025-10-13")]
    [InlineData("2025-09-26", 1, "2025-09-28")]
    [InlineData("2025-10-09", -1, "2025-09-30")]
    [InlineData("2025-10-03", 0, "2025-10-03")]
    [InlineData("2025-03-07", 1, "2025-03-10")]
    public void AddWorkingDays_SkipsHolidaysAndWeekendsAndCountsMakeUpDays(string from, int days, string expected)
    {
        Assert.Equal(Fx.D(expected), Cal.AddWorkingDays(Fx.D(from), days));
    }

    [Fact]
    public void Parse_ReadsYearSourceAndPeriods()
    {
        Assert.Equal(2025, Cal.Year);
        Assert.Contains("国务院", Cal.Source, StringComparison.Ordinal);
        Assert.Contains(Cal.Holidays, h => h.Name == "春节" && h.From == Fx.D("2025-01-28") && h.To == Fx.D("2025-02-04"));
        Assert.Equal(5, Cal.Workdays.Length);
    }

    [Theory]
    [InlineData("{\"year\":2025,\"holidays\":[{\"name\":\"x\",\"from\":\"2025-10-08\",\"to\":\"2025-10-01\"}]}", "holidays[0].to")]
    [InlineData("{\"year\":2025,\"holidays\":[{\"name\":\"x\",\"from\":\"2025/10/01\",\"to\":\"2025-10-01\"}]}", "holidays[0].from")]
    [InlineData("{\"year\":2025,\"holidays\":[{\"from\":\"2025-10-01\",\"to\":\"2025-10-01\"}]}", "holidays[0].name")]
    [InlineData("{\"year\":2025,\"workdays\":[{\"name\":\"x\",\"date\":\"2024-10-01\"}]}", "workdays[0].date")]
    [InlineData("{\"holidays\":[]}", "year")]
    [InlineData("{\"year\":2025,\"holidays\":{}}", "holidays")]
    [InlineData("{\"year\":2025,", "$")]
    public void Parse_WhenBroken_NamesFileAndField(string json, string field)
    {
        var ex = Assert.Throws<HolidayFileException>(() => HolidayCalendar.Parse(json, "h.json"));
        Assert.Contains(ex.Errors, e => e.StartsWith($"h.json: {field}: ", StringComparison.Ordinal));
    }

    [Fact]
    public void WeekdaysOnly_HasNoHolidays()
    {
        var cal = HolidayCalendar.WeekdaysOnly(2025);
        Assert.True(cal.IsWorkingDay(Fx.D("2025-10-01")));
        Assert.False(cal.IsWorkingDay(Fx.D("2025-01-26")));
    }
}
