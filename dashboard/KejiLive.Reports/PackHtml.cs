using System.Text;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using static KejiLive.Reports.Html;

namespace KejiLive.Reports;

/// <summary>The pack as one HTML page for the meeting: summary, 赛马, 红黄名单, 督办, 未报送, then one page per unit and
/// the city charts. Self-contained apart from the chart images (URLs from the caller).</summary>
internal static class PackHtml
{
    /// <summary>How 序时进度 is dated, printed under the summary table.</summary>
    public const string ScheduleNotice = "序时进度按“截至数据日期”计算：各单位累计数与其报送截至日的序时进度比较；逾期未报送或尚无报送的单位，按本周截止日的序时进度比较。";

    /// <summary>What a 待核实 tag means, said once under the summary table when any figure carries one.</summary>
    public const string ReviewNotice = "待核实：该单位数据远超其历史进度，已计入但尚待市科技局核实（以本周截止时的状态为准）。";

    public const string SampleNotice = "示例数据：各单位目标为示例分解，合计等于全市目标；真实分解以市科技局下达为准。";

    public static string Render(WeeklyPack pack, int version, Func<string, string> chartUrl)
    {
        var sb = new StringBuilder(64 * 1024);
        var title = $"{pack.City}{pack.Title} · 周调度材料 · {WeekLabel(pack.Week)}";
        sb.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">")
          .Append("<title>").Append(E(title)).Append("</title><style>").Append(PackCss.Text).Append("</style></head><body>");
        Header(sb, pack, version);
        Summary(sb, pack, chartUrl);
        Ranking(sb, pack, chartUrl);
        Watch(sb, pack);
        PackHtmlAlerts.Render(sb, pack);
        var printed = pack.Units.Where(u => u.Printed).ToList();
        foreach (var unit in printed) PackHtmlUnits.Render(sb, pack, unit, chartUrl, first: unit == printed[0], omitted: pack.Units.Length - printed.Count);
        Appendix(sb, pack, chartUrl);
        sb.Append("</body></html>");
        return sb.ToString();
    }

    /// <summary>2025年第27周（6月30日—7月6日）; a week across a year's end dates both sides: 2026年第1周（2025年12月29日—2026年1月4日）.</summary>
    public static string WeekLabel(IsoWeek week) => $"{week.Year}年第{week.Week}周（{week.DatesText}）";

    public static string GroupName(string group) => group switch
    {
        "main" => "主要目标",
        "platform" => "平台与载体",
        "measure" => "重点举措",
        _ => group,
    };

    private static void Header(StringBuilder sb, WeeklyPack pack, int version)
    {
        sb.Append("<header>");
        if (pack.SampleSplit) sb.Append("<div class=\"sample\">").Append(E(SampleNotice)).Append("</div>");
        sb.Append("<h1>").Append(E($"{pack.City}{pack.Title}")).Append("<br>周调度材料 · ").Append(E(WeekLabel(pack.Week))).Append("</h1>");
        sb.Append("<p class=\"meta\">数据截至 ").Append(E(ChineseFormat.Instant(pack.CutOff)))
          .Append("（北京时间）；较上周：与 ").Append(E(ChineseFormat.Instant(pack.PreviousCutOff))).Append(" 比较；第")
          .Append(version).Append("版</p>");
        if (!pack.Final) sb.Append("<div class=\"preview\">预览：本周尚未结束，数据截至生成时刻，周一定稿后以定稿为准。</div>");
        sb.Append("<p class=\"toc\"><a href=\"#summary\">一、主要目标</a><a href=\"#ranking\">二、赛马排名</a><a href=\"#watch\">三、红黄名单</a>")
          .Append("<a href=\"#alerts\">四、督办情况</a><a href=\"#late\">五、未报送</a><a href=\"#units\">六、各单位</a><a href=\"#appendix\">附图</a></p>");
        sb.Append("</header>");
    }

    private static void Summary(StringBuilder sb, WeeklyPack pack, Func<string, string> chartUrl)
    {
        sb.Append("<section id=\"summary\"><h2>一、目标完成情况</h2><table>");
        Head(sb, "序号", "目标", "年度目标", "累计完成", "完成率", "序时进度", "较序时（百分点）", "灯", "较上周完成率（百分点）", "较上周新增", "责任科室", "未报送单位", "待核实单位");
        sb.Append("<tbody>");
        string? group = null;
        var n = 0;
        foreach (var r in pack.Summary)
        {
            if (r.Group != group)
            {
                group = r.Group;
                sb.Append("<tr class=\"group\"><td colspan=\"13\">").Append(E(GroupName(group))).Append("</td></tr>");
            }
            sb.Append("<tr><td class=\"c\">").Append(++n).Append("</td>").Append(Cell(r.Name))
              .Append(Num(Amount(r.Annual, r.Measure, r.Kind))).Append(Num(Amount(r.Actual, r.Measure, r.Kind)))
              .Append(Num(ChineseFormat.Percent(r.CompletionRate))).Append(Num(ChineseFormat.Percent(r.ScheduleRate)))
              .Append(Num(ChineseFormat.Points(r.GapPoints), r.GapPoints < -0.05)).Append(LightCell(r.Light, r.Why))
              .Append(Num(ChineseFormat.Points(r.DeltaPoints), r.DeltaPoints < -0.05)).Append(Num(ChineseFormat.Signed(r.DeltaValue)))
              .Append(Cell(r.Department)).Append(Num(r.UnitsNotReported == 0 ? "—" : r.UnitsNotReported + "个"))
              .Append(Num(r.UnitsAwaitingReview == 0 ? "—" : r.UnitsAwaitingReview + "个"))
              .Append("</tr>");
        }
        sb.Append("</tbody></table>");
        sb.Append("<p class=\"rule\">").Append(E(ScheduleNotice));
        var dated = pack.Summary.Where(r => r.Kind is TargetKind.Count or TargetKind.Range or TargetKind.Growth).ToList();
        if (dated.Count > 0)
        {
            sb.Append("序时进度截至：").Append(E(string.Join("；", dated.Select(r => r.Name + " " + ScheduleAsOf(r))))).Append("。");
        }
        sb.Append("</p>");
        if (pack.Summary.Any(r => r.UnitsAwaitingReview > 0)) sb.Append("<p class=\"rule\">").Append(E(ReviewNotice)).Append("</p>");
        Figure(sb, chartUrl(ChartNames.Headline), "主要目标完成率与序时进度");
        sb.Append("</section>");
    }

    /// <summary>A value with its measure; a rank reads 第3名.</summary>
    public static string Amount(double value, string measure, TargetKind kind) =>
        kind == TargetKind.Rank ? (value > 0 ? $"第{ChineseFormat.Value(value)}名" : "—") : ChineseFormat.Value(value) + measure;

    private static void Ranking(StringBuilder sb, WeeklyPack pack, Func<string, string> chartUrl)
    {
        sb.Append("<section id=\"ranking\"><h2>二、赛马排名</h2>");
        if (pack.Condensed)
        {
            var (top, bottom, between) = PackScope.Excerpt(pack.Ranking);
            var unranked = pack.Ranking.Count(r => r.Rank is null);
            sb.Append("<p class=\"meta\">共 ").Append(ChineseFormat.Value(pack.Ranking.Length)).Append(" 个单位参与赛马，下列前")
              .Append(top.Length).Append("名与后").Append(bottom.Length).Append("名");
            if (unranked > 0) sb.Append("；另有 ").Append(ChineseFormat.Value(unranked)).Append(" 个单位尚无可评价目标，不参与排名");
            sb.Append("。完整排名见表格（XLSX）“赛马”表。</p><table>");
            RankingHead(sb);
            foreach (var r in top) RankingRow(sb, r);
            if (between > 0 && !bottom.IsEmpty)
            {
                sb.Append("<tr class=\"omitted\"><td colspan=\"7\">…… 第").Append(top.Length + 1).Append("至第").Append(top.Length + between)
                  .Append("位共 ").Append(ChineseFormat.Value(between)).Append(" 个单位略 ……</td></tr>");
            }
            foreach (var r in bottom) RankingRow(sb, r);
        }
        else
        {
            sb.Append("<table>");
            RankingHead(sb);
            foreach (var r in pack.Ranking) RankingRow(sb, r);
        }
        sb.Append("</tbody></table><p class=\"rule\">评分规则：").Append(E(pack.RankingRule)).Append("</p>");
        Figure(sb, chartUrl(ChartNames.Ranking), "赛马排名");
        sb.Append("</section>");
    }

    private static void RankingHead(StringBuilder sb)
    {
        Head(sb, "排名", "单位", "得分", "上周排名", "名次变化", "红灯", "黄灯");
        sb.Append("<tbody>");
    }

    private static void RankingRow(StringBuilder sb, RankingRow r) =>
        sb.Append("<tr>").Append(Num(r.Rank is { } k ? k.ToString(System.Globalization.CultureInfo.InvariantCulture) : "—"))
          .Append(Cell(r.UnitName)).Append(Num(r.Score is { } s ? s.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "不参与排名"))
          .Append(Num(r.PreviousRank?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—"))
          .Append(Num(ChineseFormat.RankChange(r.RankChange, r.PreviousRank), r.RankChange < 0))
          .Append(Num(r.Red.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Red > 0))
          .Append(Num(r.Yellow.ToString(System.Globalization.CultureInfo.InvariantCulture)))
          .Append("</tr>");

    private static void Watch(StringBuilder sb, WeeklyPack pack)
    {
        sb.Append("<section id=\"watch\"><h2>三、红黄名单</h2>");
        if (pack.Watch.IsEmpty)
        {
            sb.Append("<p class=\"none\">本周无红灯、黄灯目标。</p></section>");
            return;
        }
        sb.Append("<p class=\"meta\">红灯 ").Append(ChineseFormat.Value(pack.Watch.Count(w => w.Light == Domain.Progress.Light.Red)))
          .Append(" 项，黄灯 ").Append(ChineseFormat.Value(pack.Watch.Count(w => w.Light == Domain.Progress.Light.Yellow))).Append(" 项。");
        var rows = pack.Watch.AsEnumerable();
        if (pack.Condensed && pack.Watch.Length > PackScope.Rows)
        {
            sb.Append("下表先按目标计数，再列最严重的 ").Append(PackScope.Rows).Append(" 项（红灯在前，较序时最低在前），其余 ")
              .Append(ChineseFormat.Value(pack.Watch.Length - PackScope.Rows)).Append(" 项见表格（XLSX）“红黄名单”表。</p>");
            WatchByTarget(sb, pack);
            rows = rows.Take(PackScope.Rows);
        }
        else
        {
            sb.Append("</p>");
        }
        sb.Append("<table>");
        Head(sb, "序号", "单位", "目标", "灯", "较序时（百分点）", "差额", "亮灯起始", "整改措施", "承诺时限");
        sb.Append("<tbody>");
        var n = 0;
        foreach (var w in rows)
        {
            sb.Append("<tr><td class=\"c\">").Append(++n).Append("</td>").Append(Cell(w.UnitName)).Append(CellWithReview(w.TargetName, w.AwaitingReview))
              .Append(LightCell(w.Light)).Append(Num(ChineseFormat.Points(w.GapPoints), true))
              .Append(Num(ShortfallText(w)))
              .Append(Num(ChineseFormat.Date(w.Since)))
              .Append(w.Answered ? Cell(w.Remedy, "typed") : $"<td class=\"unanswered\">{AnswerText(w)}</td>")
              .Append(Num(w.PromisedBy is { } p ? ChineseFormat.Date(p) : "—"))
              .Append("</tr>");
        }
        sb.Append("</tbody></table></section>");
    }

    /// <summary>The condensed pack's count of red and yellow units per target, in plan order.</summary>
    private static void WatchByTarget(StringBuilder sb, WeeklyPack pack)
    {
        var byTarget = pack.Watch.ToLookup(w => w.TargetId, StringComparer.Ordinal);
        sb.Append("<table class=\"counts\">");
        Head(sb, "目标", "红灯单位", "黄灯单位");
        sb.Append("<tbody>");
        foreach (var r in pack.Summary)
        {
            var rows = byTarget[r.TargetId].ToList();
            if (rows.Count == 0) continue;
            var red = rows.Count(w => w.Light == Domain.Progress.Light.Red);
            sb.Append("<tr>").Append(Cell(r.Name)).Append(Num(ChineseFormat.Value(red), red > 0))
              .Append(Num(ChineseFormat.Value(rows.Count - red))).Append("</tr>");
        }
        sb.Append("</tbody></table>");
    }

    /// <summary>"8月31日", or where the units are read at different dates (each unit's newest figure against the plan at
    /// its own date) "各单位8月31日至9月30日".</summary>
    internal static string ScheduleAsOf(SummaryRow r) => r.ScheduleDateLatest is { } latest
        ? $"各单位{ChineseFormat.Date(r.ScheduleDate)}至{ChineseFormat.Date(latest)}"
        : ChineseFormat.Date(r.ScheduleDate);

    /// <summary>The 整改措施 cell of a red/yellow line: the unit's answer; 未答复 when a 督办 is live on the pair and the unit
    /// has not answered it; 未开督办 when none is (the light has not opened one yet, or it was closed), so the meeting does
    /// not chase a unit for an answer to a notice it never received.</summary>
    internal static string AnswerText(WatchRow w) => w.Answered ? w.Remedy! : w.AlertId is null ? "未开督办" : "未答复";

    /// <summary>差额 as the meeting reads it (the target page's): whole items for measures counted in items ("差6家"), a
    /// ratio's points ("差0.42个百分点"), else the amount to two decimals; "暂无差额" for a unit yellow or red while it owes
    /// nothing yet (its 判灯依据 says why).</summary>
    internal static string ShortfallText(WatchRow w)
    {
        if (w.Shortfall is not { } s) return "—";
        if (s <= 0) return "暂无差额";
        if (w.Measure == "%") return s < 0.005 ? "差不足0.01个百分点" : "差" + ChineseFormat.Value(Math.Round(s, 2)) + "个百分点";
        if (Domain.Progress.ItemRules.IsWholeMeasure(w.Measure)) return "差" + ChineseFormat.Value(Math.Round(s)) + w.Measure;
        return "差" + ChineseFormat.Value(Math.Round(s, 2)) + w.Measure;
    }

    private static void Appendix(StringBuilder sb, WeeklyPack pack, Func<string, string> chartUrl)
    {
        sb.Append("<section id=\"appendix\" class=\"appendix\"><h2>附图：全市各目标进度</h2><div class=\"charts\">");
        foreach (var r in pack.Summary) Figure(sb, chartUrl(r.ChartName), r.Name);
        sb.Append("</div></section>");
    }
}
