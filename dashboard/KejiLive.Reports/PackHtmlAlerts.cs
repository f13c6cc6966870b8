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

        sb.Append("<section id=\"alerts\"><h2>四、督办情况</h2><h3>本周新开督办（").Append(pack.AlertsOpened.Length).Append("件）</h3>");
        Table(sb, pack.AlertsOpened, units, targets, closed: false);
        sb.Append("<h3>本周恢复或销号（").Append(pack.AlertsClosed.Length).Append("件）</h3>");
        Table(sb, pack.AlertsClosed, units, targets, closed: true);
        sb.Append("</section>");

        sb.Append("<section id=\"late\"><h2>五、未报送单位</h2>");
        if (pack.NotReported.IsEmpty)
        {
            sb.Append("<p class=\"none\">本周各单位均按期报送。</p></section>");
            return;
        }
        sb.Append("<table>");
        Head(sb, "单位", "未按期报送的目标", "最近报送截至");
        sb.Append("<tbody>");
        foreach (var r in pack.NotReported)
        {
            sb.Append("<tr>").Append(Cell(r.UnitName)).Append(Cell(string.Join("、", r.Targets)))
              .Append(Num(r.LastReportedAsOf is { } d ? ChineseFormat.Date(d) : "从未报送")).Append("</tr>");
        }
        sb.Append("</tbody></table></section>");
    }

    public static string StateName(PackAlertState state) => state switch
    {
        PackAlertState.Open => "待答复",
        PackAlertState.Acknowledged => "已答复",
        PackAlertState.Resolved => "已恢复",
        _ => "已销号",
    };

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
              .Append(Cell(a.TargetId is null ? "（单位）" : targets.GetValueOrDefault(a.TargetId, a.TargetId)))
              .Append(Cell(a.Rule)).Append(Cell(a.Severity, "c")).Append(Cell(StateName(a.State), "c"))
              .Append(Num(ChineseFormat.Instant(when)))
              .Append(string.IsNullOrWhiteSpace(a.Remedy) ? "<td class=\"unanswered\">未答复</td>" : Cell(a.Remedy, "typed"))
              .Append(Num(a.PromisedBy is { } p ? ChineseFormat.Date(p) : "—")).Append("</tr>");
        }
        sb.Append("</tbody></table>");
    }
}
