using KejiLive.Domain.Calendar;

namespace KejiLive.Domain.Tests;

public class DateInputTests
{
    [Theory]
    [InlineData("2025-02-30", "2025-02-30 这一天不存在（2025年2月只有28天）")]
    [InlineData("2024-02-30", "2024-02-30 这一天不存在（2024年2月只有29天）")]
    [InlineData("2025-04-31", "2025-04-31 这一天不存在（2025年4月只有30天）")]
    [InlineData("2025-13-01", "2025-13-01 这一天不存在（月份须为 1—12）")]
    [InlineData("2025-06-00", "2025-06-00 这一天不存在（2025年6月只有30天）")]
    [InlineData("2025年2月30日", "2025年2月30日 这一天不存在（2025年2月只有28天）")]
    [InlineData(" 2025/2/29 ", "2025/2/29 这一天不存在（2025年2月只有28天）")]
    [InlineData("2025/09/30", "须为 yyyy-MM-dd 格式的日期，例如 2025-06-30")]
    [InlineData("30.09.2025", "须为 yyyy-MM-dd 格式的日期，例如 2025-06-30")]
    [InlineData("明天", "须为 yyyy-MM-dd 格式的日期，例如 2025-06-30")]
    [InlineData("", "须为 yyyy-MM-dd 格式的日期，例如 2025-06-30")]
    [InlineData("２０２５-06-30", "须为 yyyy-MM-dd 格式的日期，例如 2025-06-30")]  // full-width digits: other Unicode digits are not read
    [InlineData("٢٠٢٥-02-30", "须为 yyyy-MM-dd 格式的日期，例如 2025-06-30")]
    public void Problem_SaysADayDoesNotExist_OnlyWhenItIsAWellFormedDateNotInTheCalendar(string text, string problem) =>
        Assert.Equal(problem, DateInput.Problem(text));

    [Theory]
    [InlineData("2025-02-30", "asOf 2025-02-30 这一天不存在（2025年2月只有28天）。")]
    [InlineData("2025/06/30", "asOf 须为 yyyy-MM-dd 格式的日期，例如 2025-06-30。")]
    [InlineData("明天", "asOf 须为 yyyy-MM-dd 格式的日期，例如 2025-06-30。")]
    public void TryReadIso_WhenNotAnIsoDay_SaysWhyNamingTheField(string text, string problem)
    {
        Assert.False(DateInput.TryReadIso(text, "asOf", out _, out var said));
        Assert.Equal(problem, said);
    }

    [Fact]
    public void TryReadIso_WhenARealDay_ReadsIt()
    {
        Assert.True(DateInput.TryReadIso("2024-02-29", "asOf", out var date, out var problem));
        Assert.Equal(new DateOnly(2024, 2, 29), date);
        Assert.Null(problem);
    }
}
