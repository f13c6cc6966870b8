using System.Globalization;
using MiniExcelLibs;

namespace KejiLive.Reports.Tests;

/// <summary>The workbook reads as the office writes: roles, units, targets and report details in words, the 赛马 rule
/// once, no −0 in a cell.</summary>
public class XlsxReadingTests
{
    private static readonly DateTimeOffset At = new(2025, 7, 7, 8, 5, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Audit_ShowsRolesUnitsTargetsAndDetailsInWords()
    {
        var pack = RenderedScenario.Pack with
        {
            Audit =
            [
                new(11, At, "章贡区填报员", "unit", "360702", "10.0.0.7", "report", "hi-tech/360702/r-0630",
                    "asOf=2025-06-30; value=12; numerator=-; denominator=-; via=upload; note=含; 两家待认定"),
                new(12, At, "示例数据（自动报送）", "system", null, "demo-replay", "correction", "hi-tech/360703/d-1",
                    "asOf=2025-06-30; value=1.4534; numerator=11.447; denominator=787.6; via=demo"),
                new(13, At, "admin", "admin", null, "local", "close", "hi-tech.360703.behind.20250602", "已整改"),
            ],
        };

        var rows = Rows(PackXlsx.Render(pack, 1), "审计");

        Assert.Equal(["单位填报员", "系统", "管理员"], rows.Select(r => (string)r["角色"]));
        Assert.Equal(["章贡区", "", ""], rows.Select(r => r["所属单位"] as string ?? ""));
        Assert.Equal("新认定高新技术企业 · 章贡区（报送编号 r-0630）", (string)rows[0]["对象"]);
        Assert.Equal("数据截至2025年6月30日；报送值 12；渠道 表格上传；说明：含; 两家待认定", (string)rows[0]["内容"]);
        Assert.Equal("新认定高新技术企业 · 南康区（报送编号 d-1）", (string)rows[1]["对象"]);
        Assert.Equal("数据截至2025年6月30日；报送值 1.4534；分子 11.447；分母 787.6；渠道 示例数据回放", (string)rows[1]["内容"]);
        Assert.Equal(("hi-tech.360703.behind.20250602", "已整改"), ((string)rows[2]["对象"], (string)rows[2]["内容"]));
    }

    [Fact]
    public void Ranking_RuleIsWrittenOnceInTheAbout_NotOnEveryRow()
    {
        var xlsx = RenderedScenario.Files.Xlsx;

        Assert.DoesNotContain("评分规则", Rows(xlsx, "赛马")[0].Keys);
        var about = Rows(xlsx, "说明");
        Assert.Equal(RenderedScenario.Pack.RankingRule, (string)Assert.Single(about, r => (string)r["项目"] == "赛马评分规则")["内容"]);
    }

    [Fact]
    public void Summary_TinyNegativeChanges_AreZero_NeverMinusZero()
    {
        var pack = RenderedScenario.Pack;
        var first = pack.Summary[0];
        // 1.43 this week against 1.4300001 last week, 0.03 points behind: both round to 0, never to −0.
        var row = first with { Actual = 1.43, PreviousActual = 1.4300001, GapPoints = -0.03, CompletionRate = 0.5, PreviousCompletionRate = 0.5000001 };
        var rows = Rows(PackXlsx.Render(pack with { Summary = [row, .. pack.Summary.Skip(1)] }, 1), "汇总");

        var cells = rows.Single(r => (string)r["目标"] == first.Name);
        foreach (var column in new[] { "较上周新增", "较序时(百分点)", "较上周完成率(百分点)" })
        {
            var value = Convert.ToDouble(cells[column], CultureInfo.InvariantCulture);
            Assert.Equal(0, value);
            Assert.False(double.IsNegative(value), column);
        }
    }

    private static List<IDictionary<string, object>> Rows(byte[] xlsx, string sheet)
    {
        using var stream = new MemoryStream(xlsx);
        return [.. stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>()];
    }
}
