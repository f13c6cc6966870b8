using System.Text.RegularExpressions;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Weekly;
using KejiLive.Testing;
using MiniExcelLibs;

namespace KejiLive.Reports.Tests;

/// <summary>The pack of a plan too large to list (issue 13: "the weekly pack lists the top and bottom and counts the
/// rest"): 120 units × 2 targets, most of them behind, a 督办 on every red or yellow pair. The printed pack carries the
/// ranking's ends, the first rows of each list with counts of the rest and 20 unit pages; the workbook every row.</summary>
public class CondensedPackTests
{
    private const int Units = 120;
    private static readonly PlanDocument Plan = PlanLoader.Parse(ScalePlan.Json(Units, targets: 2), "scale.json");
    private static readonly IsoWeek Week = IsoWeek.TryParse("2025-W27", out var w) ? w : throw new InvalidOperationException();
    private static readonly DateTimeOffset Now = ShanghaiTime.StartOf(new DateOnly(2025, 7, 7)).AddHours(8);

    private static readonly Lazy<(WeeklyPack Pack, RenderedPack Files)> Value = new(() =>
    {
        // Unit i reports for 31 May and 30 Jun at ((i mod 10) + 1) tenths of the plan's pace; every third unit sent only
        // April's figure, so May's (released 10 Jun, grace to 15 Jun) is missing: 未报送.
        var histories = new Dictionary<(string, string), IReadOnlyList<ReportEntry>>();
        foreach (var t in Plan.Targets)
        {
            foreach (var a in t.Assignments.Where(a => a.UnitId != "city"))
            {
                var i = int.Parse(a.UnitId[1..], System.Globalization.CultureInfo.InvariantCulture);
                var pace = ((i % 10) + 1) / 10.0;
                histories[(t.Id, a.UnitId)] = i % 3 == 0
                    ? [Fx.R("2025-04-30", Math.Floor(a.Target * 120 / 365 * pace))]
                    : [Fx.R("2025-05-31", Math.Floor(a.Target * 151 / 365 * pace)), Fx.R("2025-06-30", Math.Floor(a.Target * 181 / 365 * pace))];
            }
        }
        var draft = WeeklyPackBuilder.Build(Plan, histories, [], Week, Now);
        var alerts = draft.Watch.Select((row, i) => new PackAlert($"A-{i}", row.UnitId, row.TargetId, "落后序时进度", row.Light == Light.Red ? "红" : "黄",
            PackAlertState.Open, Fx.At("2025-07-01", 9), null, i % 4 == 0 ? "已部署整改" : null, null)).ToList();
        var pack = WeeklyPackBuilder.Build(Plan, histories, alerts, Week, Now);
        return (pack, new WeeklyPackRenderer().Render(pack, 1, name => $"charts/{name}.png"));
    });

    private static WeeklyPack Pack => Value.Value.Pack;
    private static string Html => Value.Value.Files.Html;

    [Fact]
    public void Ranking_PrintsTheTopAndBottomTen_AndCountsTheRest()
    {
        Assert.True(Pack.Condensed);
        var ranked = Pack.Ranking.Count(r => r.Rank is not null);
        Assert.True(ranked > 2 * PackScope.Ends, $"{ranked} ranked units");
        var section = Section("ranking");
        Assert.Contains($"共 {Pack.Ranking.Length} 个单位参与赛马，下列前10名与后10名", section, StringComparison.Ordinal);
        Assert.Equal(2 * PackScope.Ends, Regex.Count(section, "<tr><td class=\"num\">"));
        Assert.Contains($"共 {ranked - 2 * PackScope.Ends} 个单位略", section, StringComparison.Ordinal);
        var (top, bottom, _) = PackScope.Excerpt(Pack.Ranking);
        foreach (var r in top.Concat(bottom)) Assert.Contains($"<td>{r.UnitName}</td>", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_PrintTheMostUrgentRows_WithCountsOfAll()
    {
        Assert.True(Pack.Watch.Length > PackScope.Rows);
        var watch = Section("watch");
        // The count table (one row per target) and the first 30 rows, red and furthest behind first.
        Assert.Equal(PackScope.Rows, Regex.Count(watch, "<tr><td class=\"c\">"));
        Assert.Contains($"其余 {Pack.Watch.Length - PackScope.Rows} 项见表格（XLSX）“红黄名单”表", watch.Replace(",", ""), StringComparison.Ordinal);
        foreach (var row in Pack.Watch.Take(PackScope.Rows)) Assert.Contains($"<td>{row.UnitName}</td>", watch, StringComparison.Ordinal);

        var alerts = Section("alerts");
        // Thousands grouped with "," as the pack writes them (its Chinese format), whatever culture the tests run under.
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"截至本周末在办督办 {Pack.AlertsLive:#,0} 件（待答复 {Pack.AlertsLive - Pack.AlertsLiveAnswered:#,0} 件，已答复 {Pack.AlertsLiveAnswered:#,0} 件）"), alerts, StringComparison.Ordinal);
        Assert.Equal(PackScope.Rows, Regex.Count(alerts, "<tr><td>A-"));
        Assert.DoesNotContain("<td class=\"c\">黄</td><td class=\"c\">待答复</td>", alerts.Split("<tr><td>A-").Take(2).Last(), StringComparison.Ordinal);

        var late = Section("late");
        Assert.True(Pack.NotReported.Length > PackScope.Rows, $"{Pack.NotReported.Length} units 未报送");
        Assert.Contains($"共 {Pack.NotReported.Length} 个单位有未按期报送的目标", late.Replace(",", ""), StringComparison.Ordinal);
        Assert.Equal(PackScope.Rows, Regex.Count(late, "<tr><td>第"));
    }

    [Fact]
    public void UnitPages_OnlyForTheRankingExcerpt_AndEveryImageIsDrawn()
    {
        var printed = Pack.Units.Where(u => u.Printed).Select(u => u.UnitId).ToHashSet();
        var (top, bottom, _) = PackScope.Excerpt(Pack.Ranking);
        Assert.Equal(top.Concat(bottom).Select(r => r.UnitId).ToHashSet(), printed);
        Assert.Equal(printed.Count, Regex.Count(Html, "<section class=\"unit\""));
        Assert.Contains($"其余 {Pack.Units.Length - printed.Count} 个单位的各目标明细见表格（XLSX）“单位明细”表", Html, StringComparison.Ordinal);

        var images = Regex.Matches(Html, "<img src=\"charts/([^\"]+)\\.png\"").Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(images, Value.Value.Files.Charts.Keys.ToHashSet());
        Assert.True(images.Count <= 2 + Plan.Targets.Length + (printed.Count * (1 + Plan.Targets.Length)), $"{images.Count} charts");
    }

    [Fact]
    public void Workbook_CarriesEveryRow()
    {
        using var stream = new MemoryStream(Value.Value.Files.Xlsx);
        Assert.Equal(Pack.Ranking.Length, stream.Query(useHeaderRow: true, sheetName: "赛马").Count());
        Assert.Equal(Pack.Watch.Length, stream.Query(useHeaderRow: true, sheetName: "红黄名单").Count());
        Assert.Equal(Pack.Units.Sum(u => u.Targets.Length), stream.Query(useHeaderRow: true, sheetName: "单位明细").Count());
    }

    private static string Section(string id)
    {
        var start = Html.IndexOf($"<section id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, id);
        return Html[start..Html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }
}
