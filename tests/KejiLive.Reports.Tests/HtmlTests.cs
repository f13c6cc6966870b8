using System.Text.RegularExpressions;
using KejiLive.Domain.Tests.Weekly;

namespace KejiLive.Reports.Tests;

public class HtmlTests
{
    private static string Html => RenderedScenario.Files.Html;

    [Fact]
    public void LightCell_WithWhy_PrintsTheSentenceAsTextUnderTheLight()
    {
        Assert.Equal("<td class=\"c green\"><span class=\"dot\"></span>绿</td>", KejiLive.Reports.Html.LightCell(Domain.Progress.Light.Green, null));
        Assert.Equal("<td class=\"c green\"><span class=\"dot\"></span>绿<div class=\"why\">应完成0项&lt;b&gt;</div></td>",
            KejiLive.Reports.Html.LightCell(Domain.Progress.Light.Green, "应完成0项<b>"));
    }

    [Theory]
    // shortfall, measure → the 差额 cell's text
    [InlineData(33.0, "家", "差33家")]
    [InlineData(1.0, "个", "差1个")]
    [InlineData(0.0, "个", "暂无差额")]
    [InlineData(0.0, "万元", "暂无差额")]
    [InlineData(723.4, "万元", "差723.4万元")]
    [InlineData(0.6913, "亿元", "差0.69亿元")]
    [InlineData(null, "万元", "—")]
    [InlineData(0.4246, "%", "差0.42个百分点")]      // a ratio: points of the ratio, as the target page says
    [InlineData(0.004, "%", "差不足0.01个百分点")]   // not "差0个百分点"
    public void ShortfallText_WholeItemsOrTheAmount(double? shortfall, string measure, string text)
    {
        var row = new Domain.Weekly.WatchRow("360702", "章贡区", "t", "目标", measure, Domain.Progress.Light.Red, -20, shortfall,
            new DateOnly(2025, 9, 1), null, null, null, "c");
        Assert.Equal(text, PackHtml.ShortfallText(row));
    }

    [Theory]
    // live 督办 on the pair, the unit's answer → the 红黄名单's 整改措施 cell
    [InlineData("A-1", "已组织集中申报", "已组织集中申报")]
    [InlineData("A-1", null, "未答复")]        // asked and not answered
    [InlineData("A-1", "  ", "未答复")]
    [InlineData(null, null, "未开督办")]      // never asked: not 未答复
    public void AnswerText_SaysWhetherAUnitWasAskedAndWhetherItAnswered(string? alertId, string? remedy, string text)
    {
        var row = new Domain.Weekly.WatchRow("360702", "章贡区", "t", "目标", "家", Domain.Progress.Light.Red, -20, 3,
            new DateOnly(2025, 9, 1), alertId, remedy, null, "c");
        Assert.Equal(text, PackHtml.AnswerText(row));
    }

    [Fact]
    public void Html_WhenARemedyHoldsScript_PrintsItAsText()
    {
        Assert.DoesNotContain("<script", Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;=HYPERLINK(&quot;http://evil&quot;) 本月底前补齐", Html);
    }

    [Fact]
    public void Html_ShowsTheScenario_SummaryRankingAndLists()
    {
        // hi-tech: 100家, 34家, 34.0%, 序时 48.0% (each unit's expected value at its data date; 360703's, two figures
        // overdue, at the newest knowable date, 31 May), −14.0 pp, yellow, +8.0 pp,
        // +8 since last week, 2 units 未报送.
        var row = Html[Html.IndexOf("<td>新认定高新技术企业</td>", StringComparison.Ordinal)..];
        Assert.StartsWith("<td>新认定高新技术企业</td><td class=\"num\">100家</td><td class=\"num\">34家</td><td class=\"num\">34.0%</td>"
            + "<td class=\"num\">48.0%</td><td class=\"num neg\">−14.0</td><td class=\"c yellow\"><span class=\"dot\"></span>黄</td>"
            + "<td class=\"num\">+8.0</td><td class=\"num\">+8</td><td>高新科</td><td class=\"num\">2个</td>", row, StringComparison.Ordinal);
        // Issue 17: last week 经开区 had nothing judged (grey), so it held no place then: no last-week rank, no change.
        Assert.Contains("<td class=\"num\">1</td><td>赣州经开区</td><td class=\"num\">120.0</td><td class=\"num\">—</td><td class=\"num\">—</td>", Html);
        // A unit behind with no 督办 on it reads 未开督办, not 未答复 (it was never asked for an answer).
        Assert.Contains("<td class=\"unanswered\">未开督办</td>", Html);
        Assert.Contains("2025年第27周（6月30日—7月6日）", Html);
        Assert.Contains("数据截至 2025年7月6日 24:00", Html);
        Assert.Contains("序时进度按“截至数据日期”计算", Html);
        // The units are read at different dates: the earliest, 南康区's (two figures overdue, read at the newest knowable date,
        // issue 17), to the latest, 6 July.
        Assert.Contains("新认定高新技术企业 各单位5月31日至7月6日", Html);
        Assert.Contains("第3版", Html);
        Assert.Contains("示例数据", Html);
        Assert.Contains(WeeklyScenario.Plan.Targets[0].Name, Html);
    }

    [Fact]
    public void Html_IsReadyForA4_HeadsRepeat_UnitsStartAPage()
    {
        Assert.Contains("@page { size: A4;", Html);
        Assert.Contains("thead { display: table-header-group; }", Html);
        Assert.Contains(".unit, .appendix { break-before: page;", Html);
        Assert.Equal(RenderedScenario.Pack.Units.Length, Regex.Count(Html, "<section class=\"unit\""));
    }

    [Theory]
    [InlineData("2025-W27", "2025年第27周（6月30日—7月6日）")]
    [InlineData("2026-W01", "2026年第1周（2025年12月29日—2026年1月4日）")]
    public void WeekLabel_DatesAWeekAcrossTheYearsEndOnBothSides(string week, string label)
    {
        Assert.True(Domain.Weekly.IsoWeek.TryParse(week, out var w));
        Assert.Equal(label, PackHtml.WeekLabel(w));
    }

    [Fact]
    public void UnitPage_ATargetWithNothingReported_ShowsDashes_NotZeroAndARedGap()
    {
        // 360704 (20 家) has sent nothing for hi-tech by the cut-off (its 6 Jul figure arrived on 7 Jul): grey, and 未报送.
        var page = Html[Html.IndexOf("<h3 id=\"unit-360704\">", StringComparison.Ordinal)..];
        var row = page[..page.IndexOf("</tr>", page.IndexOf("<td>新认定高新技术企业</td>", StringComparison.Ordinal), StringComparison.Ordinal)];
        row = row[row.IndexOf("<td>新认定高新技术企业</td>", StringComparison.Ordinal)..];
        Assert.Equal(Domain.Progress.Light.Grey, RenderedScenario.Pack.Units.Single(u => u.UnitId == "360704").Targets.Single(t => t.TargetId == "hi-tech").Light);
        Assert.Equal(3, Regex.Count(row, "<td class=\"num\">—</td>"));
        Assert.Contains("<td class=\"c flag\">未报送</td>", row, StringComparison.Ordinal);
        Assert.DoesNotContain("neg", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_EveryImageIsARenderedChart()
    {
        var sources = Regex.Matches(Html, "<img src=\"charts/([^\"]+)\\.png\"").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Subset(RenderedScenario.Files.Charts.Keys.ToHashSet(), sources);
        Assert.Equal(RenderedScenario.Files.Charts.Count, sources.Count);
    }
}
