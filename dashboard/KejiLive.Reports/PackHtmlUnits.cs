using System.Globalization;
using System.Text;
using KejiLive.Domain.Weekly;
using static KejiLive.Reports.Html;

namespace KejiLive.Reports;

/// <summary>Section 六: one printed page (or more) per unit: its 赛马 place, every target with its light, its live
/// 督办 alerts, its overview chart and a chart for each yellow or red target.</summary>
internal static class PackHtmlUnits
{
    /// <param name="first">The first page printed: it carries the section's heading.</param>
    /// <param name="omitted">Unit pages the condensed pack leaves out (their rows are in the workbook).</param>
    public static void Render(StringBuilder sb, WeeklyPack pack, UnitPage unit, Func<string, string> chartUrl, bool first, int omitted)
    {
        sb.Append("<section class=\"unit\"").Append(first ? " id=\"units\"" : "").Append('>');
        if (first) sb.Append("<h2>六、各单位情况</h2>");
        if (first && omitted > 0)
        {
            sb.Append("<p class=\"meta\">下列赛马前").Append(PackScope.Ends).Append("名与后").Append(PackScope.Ends).Append("名单位；其余 ")
              .Append(ChineseFormat.Value(omitted)).Append(" 个单位的各目标明细见表格（XLSX）“单位明细”表及各单位页面。</p>");
        }
        sb.Append("<h3 id=\"unit-").Append(E(unit.UnitId)).Append("\">").Append(E(unit.Name));
        if (unit.Office is { Length: > 0 } office) sb.Append("（").Append(E(office)).Append("）");
        sb.Append("</h3><p class=\"meta\">");
        if (unit.Overlay) sb.Append("叠加显示，数据已含在所属县区内，不计入全市合计和赛马排名。");
        else if (unit.Rank is { } rank) sb.Append("赛马得分 ").Append(unit.Score!.Value.ToString("0.0", CultureInfo.InvariantCulture)).Append("，第").Append(rank).Append("名。");
        else if (pack.Ranking.Any(r => r.UnitId == unit.UnitId)) sb.Append("尚无可评价目标，不参与排名。");
        var red = unit.Targets.Count(t => t.Light == Domain.Progress.Light.Red);
        var yellow = unit.Targets.Count(t => t.Light == Domain.Progress.Light.Yellow);
        sb.Append(" 目标 ").Append(unit.Targets.Length).Append(" 项：红灯 ").Append(red).Append(" 项，黄灯 ").Append(yellow)
          .Append(" 项，未报送 ").Append(unit.Targets.Count(t => t.NotReported)).Append(" 项。");
        if (pack.SampleSplit) sb.Append("<b>（示例数据）</b>");
        sb.Append("</p><table>");
        Head(sb, "目标", "年度目标", "累计完成", "完成率", "序时进度", "较序时（百分点）", "灯", "报送", "较上周新增", "报送说明");
        sb.Append("<tbody>");
        foreach (var t in unit.Targets)
        {
            // Nothing reported yet: grey, nothing to judge — no 0 and no −53.7 in red beside it (as on the wall: 尚无报送).
            var none = t.Light == Domain.Progress.Light.Grey && t.ReportedAsOf is null;
            sb.Append("<tr>").Append(CellWithReview(t.TargetName, t.AwaitingReview))
              .Append(Num(PackHtml.Amount(t.Annual, t.Measure, t.Kind))).Append(Num(none ? "—" : PackHtml.Amount(t.Actual, t.Measure, t.Kind)))
              .Append(Num(none ? "—" : ChineseFormat.Percent(t.CompletionRate))).Append(Num(ChineseFormat.Percent(t.ScheduleRate)))
              .Append(none ? Num("—") : Num(ChineseFormat.Points(t.GapPoints), t.GapPoints < -0.05)).Append(LightCell(t.Light, t.Why))
              .Append(t.NotReported
                  ? "<td class=\"c flag\">未报送</td>"
                  : Num(t.ReportedAsOf is { } d ? "截至" + ChineseFormat.Date(d) : "尚无报送"))
              .Append(Num(ChineseFormat.Signed(t.DeltaValue))).Append(Cell(t.Note, "typed")).Append("</tr>");
        }
        sb.Append("</tbody></table>");
        var targets = pack.Summary.ToDictionary(r => r.TargetId, r => r.Name, StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal) { [unit.UnitId] = unit.Name };
        sb.Append("<p class=\"meta\">在办督办（").Append(unit.OpenAlerts.Length).Append("件）</p>");
        PackHtmlAlerts.Table(sb, unit.OpenAlerts, names, targets, closed: false);
        sb.Append("<div class=\"charts\">");
        Figure(sb, chartUrl(unit.ChartName), unit.Name + " 各目标完成率与序时进度", wide: true);
        foreach (var t in unit.Targets)
        {
            if (t.ChartName is { } chart) Figure(sb, chartUrl(chart), unit.Name + " · " + t.TargetName);
        }
        sb.Append("</div></section>");
    }
}
