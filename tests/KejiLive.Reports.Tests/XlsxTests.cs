using System.IO.Compression;
using KejiLive.Domain.Tests.Weekly;
using KejiLive.Domain.Weekly;
using MiniExcelLibs;

namespace KejiLive.Reports.Tests;

public class XlsxTests
{
    [Fact]
    public void Xlsx_OpensWithTheSheets_AndHoldsTheSameNumbers()
    {
        using var stream = new MemoryStream(RenderedScenario.Files.Xlsx);
        Assert.Equal(["说明", "汇总", "赛马", "红黄名单", "督办", "未报送", "单位明细", "审计"], stream.GetSheetNames());

        var summary = Rows(stream, "汇总").Single(r => (string)r["目标"] == "新认定高新技术企业");
        // 序时进度 sums each unit's expected value at its data date (360702 at 4 Jul, jkq at 5 Jul, the others at 6 Jul),
        // except 360703's: two figures overdue, issue 17 reads it at the newest knowable date, 31 May (30 × 36/365 = 2.96
        // points less than at 6 Jul).
        Assert.Equal((100.0, 34.0, 34.0, 48.03, -14.03, "黄", 8.0, 8.0, 2.0, "示例数据"),
            (D(summary["年度目标"]), D(summary["累计完成"]), D(summary["完成率(%)"]), D(summary["序时进度(%)"]), D(summary["较序时(百分点)"]),
             (string)summary["灯"], D(summary["较上周完成率(百分点)"]), D(summary["较上周新增"]), D(summary["未报送单位数"]), (string)summary["数据性质"]));
        Assert.Equal("各单位2025年5月31日至2025年7月6日", (string)summary["序时进度截至"]);

        var ranking = Rows(stream, "赛马");
        Assert.Equal(["赣州经开区", "章贡区", "南康区", "赣县区"], ranking.Select(r => (string)r["单位"]));
        // Issue 17: 赣县区 reported nothing, so it is grey, unscored and unranked (an empty cell), listed last; 经开区 had no
        // rank last week (grey then), so it has no change.
        Assert.Equal([1.0, 2.0, 3.0, null], ranking.Select(r => N(r["排名"])));
        Assert.Equal([null, -1.0, -1.0, null], ranking.Select(r => N(r["名次变化"])));

        // 赣县区, grey, is not on the red/yellow list; 南康区 is, with its answer.
        var watch = Rows(stream, "红黄名单").Where(r => (string)r["目标"] == "新认定高新技术企业").ToList();
        Assert.Equal(["南康区"], watch.Select(r => (string)r["单位"]));
        Assert.Equal([WeeklyScenario.Remedy], watch.Select(r => (string)r["整改措施"]));
        Assert.Equal("2025年6月16日", (string)watch[0]["亮灯起始"]);
        // A line with no 督办 on it says so, as the HTML does, instead of 未答复.
        Assert.Contains(Rows(stream, "红黄名单"), r => (string)r["整改措施"] == "未开督办");
        Assert.DoesNotContain(Rows(stream, "红黄名单"), r => (string)r["整改措施"] == "未答复"); // yellow once two figures were overdue by the release calendar (May's: 10 Jun + 5 grace days)

        Assert.Equal(["A-1", "A-2"], Rows(stream, "督办").Select(r => (string)r["编号"]));
        Assert.Contains(Rows(stream, "说明"), r => ((string)r["内容"]).Contains("示例", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1:A9)", "'+SUM(A1:A9)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "'\nx")]
    [InlineData("已整改 =1", "已整改 =1")]
    public void Xlsx_WhenAUnitTypesAFormula_StoresText(string remedy, string stored)
    {
        var alert = WeeklyScenario.Alerts()[0] with { Remedy = remedy };
        var pack = WeeklyPackBuilder.Build(WeeklyScenario.Plan, WeeklyScenario.Histories(), [alert], WeeklyScenario.Week, WeeklyScenario.Now);
        var xlsx = PackXlsx.Render(pack, 1);

        using var stream = new MemoryStream(xlsx);
        var row = Rows(stream, "红黄名单").Single(r => (string)r["单位"] == "南康区" && (string)r["目标"] == "新认定高新技术企业");
        // XML normalises a bare CR to LF on reading: what matters is the apostrophe in front.
        Assert.Equal(stored, (string)row["整改措施"]);
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(sheet.Open());
            var xml = reader.ReadToEnd();
            Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<x:f>", xml, StringComparison.Ordinal);
        }
    }

    private static List<IDictionary<string, object>> Rows(Stream stream, string sheet)
    {
        stream.Position = 0;
        return [.. stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object>>()];
    }

    private static double? N(object? value) => value is null or "" ? null : D(value);

    private static double D(object value) => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
}
