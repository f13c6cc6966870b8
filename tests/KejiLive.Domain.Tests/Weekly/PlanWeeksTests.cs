using KejiLive.Domain.Calendar;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests.Weekly;

public class PlanWeeksTests
{
    private static readonly Planning.PlanDocument Plan = PlanJson.Load();

    [Theory]
    [InlineData("2024-W52", false)]
    [InlineData("2025-W01", true)]
    [InlineData("2025-W52", true)]
    [InlineData("2026-W01", true)]
    [InlineData("2026-W02", false)]
    public void Contains_WeeksOverlappingThePlanYear(string week, bool expected) => Assert.Equal(expected, PlanWeeks.Contains(Plan, W(week)));

    [Fact]
    public void All_From2025W01To2026W01() =>
        Assert.Equal(["2025-W01", "2026-W01", 53], new object[] { PlanWeeks.All(Plan)[0].ToString(), PlanWeeks.All(Plan)[^1].ToString(), PlanWeeks.All(Plan).Count });

    [Theory]
    // week, judged at (Shanghai), compared with
    [InlineData("2025-W27", "2025-07-07T00:00", "2025-06-30T00:00")]
    [InlineData("2025-W01", "2025-01-06T00:00", "2025-01-01T00:00")]
    [InlineData("2026-W01", "2026-01-01T00:00", "2025-12-29T00:00")]
    public void End_AndPreviousEnd_ClampToThePlanYear(string week, string end, string previous)
    {
        var w = W(week);
        Assert.Equal(At(end).AddTicks(-1), PlanWeeks.End(Plan, w));
        var expectedPrevious = At(previous);
        Assert.Equal(expectedPrevious == PlanWeeks.PlanStart(Plan) ? expectedPrevious : expectedPrevious.AddTicks(-1), PlanWeeks.PreviousEnd(Plan, w));
    }

    [Fact]
    public void CutOff_WhileTheWeekRuns_IsNow_AndNotFinal()
    {
        var now = At("2025-07-03T10:00");
        Assert.Equal(now, PlanWeeks.CutOff(Plan, W("2025-W27"), now));
        Assert.False(PlanWeeks.HasEnded(Plan, W("2025-W27"), now));
        Assert.False(PlanWeeks.HasStarted(Plan, W("2025-W28"), now));
    }

    private static DateTimeOffset At(string local) =>
        new(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), ShanghaiTime.Offset);

    private static IsoWeek W(string s) => IsoWeek.TryParse(s, out var w) ? w : throw new ArgumentException(s);
}
