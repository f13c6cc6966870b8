using System.Text;
using KejiLive.Domain.Weekly;
using static KejiLive.Reports.Html;

namespace KejiLive.Reports;

/// <summary>Sections 四 (督办 opened and closed this week) and 五 (未报送).</summary>
internal static class PackHtmlAlerts
{
    public static void Render(StringBuilder sb, WeeklyPack pack)
    {
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in pack.Summary) targets[r.TargetId] = r.Name;
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var u in pack.Units) units[u.UnitId] = u.Name;

        sb.Append("<section id=\"alerts\"><h2>四、督办情况</h2><p class=\"meta\">截至本周末在办督办 ").Append(ChineseFormat.Value(pack.AlertsLive))
          .Append(" 件（待答复 ").Append(ChineseFormat.Value(pack.AlertsLive - pack.AlertsLiveAnswered)).Append(" 件，已答复 ")
          .Append(ChineseFormat.Value(pack.AlertsLiveAnswered)).Append(" 件）；本周新开 ").Append(ChineseFormat.Value(pack.AlertsOpened.Length))
          .Append(" 件，恢复或销号 ").Append(ChineseFormat.Value(pack.AlertsClosed.Length)).Append(" 件。</p>");
        sb.Append("<h3>本周新开督办（").Append(ChineseFormat.Value(pack.AlertsOpened.Length)).Append("件）</h3>");
        Listed(sb, pack, pack.AlertsOpened, units, targets, closed: false);
        sb.Append("<h3>本周恢复或销号（").Append(ChineseFormat.Value(pack.AlertsClosed.Length)).Append("件）</h3>");
        Listed(sb, pack, pack.AlertsClosed, units, targets, closed: true);
        sb.Append("</section>");

        sb.Append("<section id=\"late\"><h2>五、未报送单位</h2>");
        if (pack.NotReported.IsEmpty)
        {
            sb.Append("<p class=\"none\">本周各单位均按期报送。</p>");
            DueSoon(sb, pack);
            sb.Append("</section>");
            return;
        }
        var late = pack.NotReported.AsEnumerable();
        if (pack.Condensed && pack.NotReported.Length > PackScope.Rows)
        {
            sb.Append("<p class=\"meta\">共 ").Append(ChineseFormat.Value(pack.NotReported.Length)).Append(" 个单位有未按期报送的目标；按目标计：");
            var byTarget = pack.NotReported.SelectMany(r => r.Targets).CountBy(t => t).ToDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
            sb.Append(E(string.Join("，", pack.Summary.Where(r => byTarget.ContainsKey(r.Name))
                .Select(r => $"{r.Name} {ChineseFormat.Value(byTarget[r.Name])} 个"))));
            sb.Append("。下表列缺报目标最多的 ").Append(PackScope.Rows).Append(" 个单位，其余 ")
              .Append(ChineseFormat.Value(pack.NotReported.Length - PackScope.Rows)).Append(" 个见表格（XLSX）“未报送”表。</p>");
            late = PackScope.MostLateFirst(pack.NotReported).Take(PackScope.Rows);
        }
        sb.Append("<table>");
        Head(sb, "单位", "未按期报送的目标", "最近报送截至");
        sb.Append("<tbody>");
        foreach (var r in late)
        {
            sb.Append("<tr>").Append(Cell(r.UnitName)).Append(Cell(string.Join("、", r.Targets)))
              .Append(Num(r.LastReportedAsOf is { } d ? ChineseFormat.Date(d) : "从未报送")).Append("</tr>");
        }
        sb.Append("</tbody></table>");
        DueSoon(sb, pack);
        sb.Append("</section>");
    }

    /// <summary>临期: what falls due soon and is not done (30 days for an item, 14 for a milestone node), soonest first;
    /// in a condensed pack the first <see cref="PackScope.Rows"/> with the count of the rest.</summary>
    private static void DueSoon(StringBuilder sb, WeeklyPack pack)
    {
        sb.Append("<h3>临期事项（").Append(ChineseFormat.Value(pack.DueSoon.Length)).Append("项）</h3>");
        if (pack.DueSoon.IsEmpty)
        {
            sb.Append("<p class=\"none\">没有近期到期而尚未完成的事项。</p>");
            return;
        }
        sb.Append("<p class=\"meta\">下一项（按整项判断的目标）30天内、下一节点14天内到期而尚未完成；尚未逾期，不影响灯色。</p>");
        var rows = pack.Condensed ? pack.DueSoon.Take(PackScope.Rows) : pack.DueSoon;
        sb.Append("<table>");
        Head(sb, "单位", "目标", "期限", "尚余", "情况");
        sb.Append("<tbody>");
        foreach (var r in rows)
        {
            sb.Append("<tr>").Append(Cell(r.UnitName)).Append(Cell(r.TargetName)).Append(Num(ChineseFormat.Date(r.Due)))
              .Append(Num(r.DaysLeft == 0 ? "今天" : ChineseFormat.Value(r.DaysLeft) + "天")).Append(Cell(r.Text)).Append("</tr>");
        }
        sb.Append("</tbody></table>");
        if (pack.Condensed && pack.DueSoon.Length > PackScope.Rows)
        {
            sb.Append("<p class=\"meta\">其余 ").Append(ChineseFormat.Value(pack.DueSoon.Length - PackScope.Rows)).Append(" 项未列出。</p>");
        }
    }

    public static string StateName(PackAlertState state) => state switch
    {
        PackAlertState.Open => "待答复",
        PackAlertState.Acknowledged => "已答复",
        PackAlertState.Resolved => "已恢复",
        _ => "已销号",
    };

    /// <summary>A week's alerts: every one, or in a condensed pack with more than <see cref="PackScope.Rows"/>, the counts by
    /// 事由 and 等级 and the most urgent rows.</summary>
    private static void Listed(StringBuilder sb, WeeklyPack pack, IReadOnlyList<PackAlert> alerts, IReadOnlyDictionary<string, string> units,
        IReadOnlyDictionary<string, string> targets, bool closed)
    {
        if (!pack.Condensed || alerts.Count <= PackScope.Rows)
        {
            Table(sb, alerts, units, targets, closed);
            return;
        }
        sb.Append("<table class=\"counts\">");
        Head(sb, "事由", "等级", "件数");
        sb.Append("<tbody>");
        foreach (var (rule, severity, count) in PackScope.ByRule(alerts))
        {
            sb.Append("<tr>").Append(Cell(rule)).Append(Cell(severity, "c")).Append(Num(ChineseFormat.Value(count))).Append("</tr>");
        }
        sb.Append("</tbody></table><p class=\"meta\">下表列等级最高、开出最早的 ").Append(PackScope.Rows).Append(" 件，其余 ")
          .Append(ChineseFormat.Value(alerts.Count - PackScope.Rows)).Append(" 件见表格（XLSX）“督办”表。</p>");
        Table(sb, [.. PackScope.MostUrgentFirst(alerts).Take(PackScope.Rows)], units, targets, closed);
    }

    /// <summary>A table of alerts; also used on the unit pages for the open ones.</summary>
    public static void Table(StringBuilder sb, IReadOnlyList<PackAlert> alerts, IReadOnlyDictionary<string, string> units,
        IReadOnlyDictionary<string, string> targets, bool closed)
    {
        if (alerts.Count == 0)
        {
            sb.Append("<p class=\"none\">无。</p>");
            return;
        }
        sb.Append("<table>");
        Head(sb, "编号", "单位", "目标", "事由", "等级", "状态", closed ? "恢复/销号时间" : "开出时间", "整改措施", "承诺时限");
        sb.Append("<tbody>");
        foreach (var a in alerts)
        {
            var when = closed && a.ClosedAt is { } c ? c : a.OpenedAt;
            sb.Append("<tr>").Append(Cell(a.Id)).Append(Cell(units.GetValueOrDefault(a.UnitId, a.UnitId)))
              .Append(Cell(a.TargetId is null ? "各项目标" : targets.GetValueOrDefault(a.TargetId, a.TargetId)))
              .Append(Cell(a.Rule)).Append(Cell(a.Severity, "c")).Append(Cell(StateName(a.State), "c"))
              .Append(Num(ChineseFormat.Instant(when)))
              .Append(string.IsNullOrWhiteSpace(a.Remedy) ? "<td class=\"unanswered\">未答复</td>" : Cell(a.Remedy, "typed"))
              .Append(Num(a.PromisedBy is { } p ? ChineseFormat.Date(p) : "—")).Append("</tr>");
        }
        sb.Append("</tbody></table>");
    }
}
