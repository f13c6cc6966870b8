using KejiLive.Dashboard.Endpoints;
using KejiLive.Domain.Planning;

namespace KejiLive.Api.Tests;

/// <summary>The /reports list names the years of a week that reaches into another year, so neither the plan's first
/// week (2025年第1周, from 30 December 2024) nor its last (2026年第1周, to 4 January 2026) reads as the wrong year.</summary>
public class ReportListPageTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    [Fact]
    public void WeeksAcrossTheYearEnd_ShowTheirDatesWithYears_OthersWithout()
    {
        var html = ReportListPage.Render(Plan, new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8)), []);

        Assert.Contains("<td>2025年第1周</td><td>2024年12月30日—2025年1月5日</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2026年第1周</td><td>2025年12月29日—2026年1月4日</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2025年第23周</td><td>6月2日—6月8日</td>", html, StringComparison.Ordinal);
    }
}
