using KejiLive.Domain.Calendar;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Reports;
using KejiLive.Grains.Abstractions.Security;
using MiniExcelLibs;

namespace KejiLive.Reports.Tests;

/// <summary>The pack grain on a real silo: made on schedule (Monday 08:00 on the plan clock) for the week just ended,
/// announced to the city office, stored in SQLite and served as written after a restart.</summary>
public sealed class WeeklyPackGrainTests
{
    [Fact]
    public async Task Schedule_WhenMonday0800Passes_MakesLastWeeksPack_AndARestartServesItAsWritten()
    {
        var dir = Path.Combine(Path.GetTempPath(), "keji-pack-" + Guid.NewGuid().ToString("N"));
        var db = Path.Combine(dir, "keji.db");
        try
        {
            string html;
            await using (var first = await PackCluster.StartAsync(Shanghai(2025, 7, 3, 10), db))
            {
                var grain = first.Client.GetGrain<ITargetGrain>(GrainKeys.Target("talent-teams", "360702"));
                await grain.SubmitAsync(Report("p-1", "2025-07-02", 12, "上半年<b>12</b>个"));

                // Sunday night → Monday 08:00:01: the scheduler's timer fires on the fake clock and makes 2025-W27.
                first.Time.Advance(Shanghai(2025, 7, 7, 8).AddSeconds(1) - first.Time.GetUtcNow());
                var announced = await first.Notifier.First.WaitAsync(TimeSpan.FromSeconds(60));
                Assert.Equal(("2025-W27", 1, true, "/reports/2025-W27", "/api/reports/weekly/2025-W27.xlsx"),
                    (announced.Week, announced.Version, announced.Final, announced.HtmlPath, announced.XlsxPath));
                Assert.Equal(Shanghai(2025, 7, 7, 0).AddTicks(-1), announced.CutOff);

                var pack = first.Client.GetGrain<IWeeklyPackGrain>("2025-W27");
                html = await pack.GetHtmlAsync() ?? throw new InvalidOperationException("the week's pack was not built within the wait");
                Assert.Contains("上半年&lt;b&gt;12&lt;/b&gt;个", html, StringComparison.Ordinal);
                Assert.Contains("示例数据", html, StringComparison.Ordinal);
                Assert.NotNull(await pack.GetChartAsync("ranking"));
                Assert.Equal(announced, (await first.Client.GetGrain<IWeeklyPackSchedulerGrain>(GrainKeys.Plan(PackCluster.Plan.Id)).GetPacksAsync()).Single());
            }

            // A day later, after more reports would change the numbers: the stored pack is served exactly as written.
            await using var second = await PackCluster.StartAsync(Shanghai(2025, 7, 8, 9), db);
            await second.Client.GetGrain<ITargetGrain>(GrainKeys.Target("talent-teams", "360702")).SubmitAsync(Report("p-2", "2025-07-05", 30, null));
            var again = second.Client.GetGrain<IWeeklyPackGrain>("2025-W27");
            Assert.Equal(html, await again.GetHtmlAsync());
            Assert.Equal(1, (await again.GetAsync()).Version);
            Assert.Empty(second.Notifier.Notified);

            // Regenerating on demand makes version 2 and keeps version 1 in the list of versions.
            var regenerated = await again.GenerateAsync();
            Assert.Equal(2, regenerated.Version);
            Assert.Equal([1, 2], (await again.GetVersionsAsync()).Select(v => v.Version));
            Assert.NotEqual(html, await again.GetHtmlAsync());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Pack_CarriesTheWeeksAuditAsASheet_OnlyThatWeek_AndFormulaSafe()
    {
        var dir = Path.Combine(Path.GetTempPath(), "keji-pack-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var keji = await PackCluster.StartAsync(Shanghai(2025, 7, 8, 9), Path.Combine(dir, "keji.db"));
            AuditRecord Entry(DateTimeOffset at, string action, string subject, string detail) => new()
            {
                At = at, Actor = "章贡区 填报员", Role = "unit", Unit = "360702", Address = "10.1.2.3", Action = action, Subject = subject, Detail = detail,
            };
            await keji.Client.GetGrain<IAuditGrain>(IAuditGrain.Key).AppendAsync(
            [
                Entry(Shanghai(2025, 6, 29, 23), "report", "talent-teams/360702/before", "value=1"),        // the week before
                Entry(Shanghai(2025, 6, 30, 10), "report", "talent-teams/360702/w27-a", "value=3"),
                Entry(Shanghai(2025, 7, 4, 16), "ack", "talent-teams.360702.behind.2025-07-01", "note==HYPERLINK(\"http://x\")"),
                Entry(Shanghai(2025, 7, 7, 0), "report", "talent-teams/360702/after", "value=9"),          // the next week
            ]);

            var xlsx = await keji.Client.GetGrain<IWeeklyPackGrain>("2025-W27").GetXlsxAsync() ?? throw new InvalidOperationException("the week's pack was not built within the wait");
            using var stream = new MemoryStream(xlsx);
            var rows = stream.Query(useHeaderRow: true, sheetName: "审计").Cast<IDictionary<string, object>>().ToList();

            // Codes as people read them: the report's target and unit by name, the role and unit in words.
            Assert.Equal(["引进和培育高层次科技人才团队 · 章贡区（报送编号 w27-a）", "talent-teams.360702.behind.2025-07-01"], rows.Select(r => (string)r["对象"]));
            Assert.Equal(["报送", "答复督办"], rows.Select(r => (string)r["操作"]));
            Assert.Equal(("章贡区 填报员", "单位填报员", "章贡区", "10.1.2.3"), ((string)rows[0]["操作人"], (string)rows[0]["角色"], (string)rows[0]["所属单位"], (string)rows[0]["来源地址"]));
            Assert.False(((string)rows[1]["内容"]).StartsWith('='));
            Assert.Contains("HYPERLINK", (string)rows[1]["内容"], StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static DateTimeOffset Shanghai(int y, int m, int d, int hour) => ShanghaiTime.StartOf(new DateOnly(y, m, d)).AddHours(hour);

    private static ReportSubmission Report(string id, string asOf, double value, string? note) => new()
    {
        ReportId = id,
        AsOf = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture),
        Value = value,
        Note = note,
        SubmittedBy = "test",
        Source = "test",
    };
}
