using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests.Weekly;

public class IsoWeekTests
{
    [Theory]
    [InlineData("2025-W01", "2024-12-30", "2025-01-05")]
    [InlineData("2025-W27", "2025-06-30", "2025-07-06")]
    [InlineData("2025-W52", "2025-12-22", "2025-12-28")]
    [InlineData("2026-W01", "2025-12-29", "2026-01-04")]
    [InlineData("2020-W53", "2020-12-28", "2021-01-03")]
    public void TryParse_WhenWellFormed_GivesMondayToSunday(string text, string monday, string sunday)
    {
        Assert.True(IsoWeek.TryParse(text, out var week));
        Assert.Equal(DateOnly.Parse(monday, System.Globalization.CultureInfo.InvariantCulture), week.Monday);
        Assert.Equal(DateOnly.Parse(sunday, System.Globalization.CultureInfo.InvariantCulture), week.Sunday);
        Assert.Equal(text, week.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2025-W00")]
    [InlineData("2025-W53")]
    [InlineData("2025-w07")]
    [InlineData("2025W07")]
    [InlineData("2025-W7")]
    [InlineData("25-W07")]
    [InlineData(" 2025-W07")]
    [InlineData("2025-W07\n")]
    [InlineData("2025-W07/../x")]
    [InlineData("２０２５-W07")]
    public void TryParse_WhenMalformedOrMissingWeek_Refuses(string? text) => Assert.False(IsoWeek.TryParse(text, out _));

    [Theory]
    [InlineData("2024-12-30", "2025-W01")]
    [InlineData("2025-01-05", "2025-W01")]
    [InlineData("2025-01-06", "2025-W02")]
    [InlineData("2025-12-31", "2026-W01")]
    public void Of_GivesTheIsoWeek(string date, string week) =>
        Assert.Equal(week, IsoWeek.Of(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).ToString());

    [Fact]
    public void Previous_AcrossYears_IsLastWeekOfPreviousIsoYear() =>
        Assert.Equal("2024-W52", Parse("2025-W01").Previous.ToString());

    [Theory]
    [InlineData("2025-W23", "6月2日—6月8日")]
    [InlineData("2025-W01", "2024年12月30日—2025年1月5日")]
    [InlineData("2026-W01", "2025年12月29日—2026年1月4日")]
    [InlineData("2020-W53", "2020年12月28日—2021年1月3日")]
    public void DatesText_NamesTheYears_WhenTheWeekReachesIntoAnotherYear(string week, string text) =>
        Assert.Equal(text, Parse(week).DatesText);

    private static IsoWeek Parse(string s) => IsoWeek.TryParse(s, out var w) ? w : throw new ArgumentException(s);
}
