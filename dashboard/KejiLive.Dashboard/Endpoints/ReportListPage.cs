using System.Collections.Immutable;
using System.Net;
using System.Text;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using KejiLive.Grains.Abstractions.Reports;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>The page at <c>/reports</c>: every week of the plan year that has started, newest first, with links to
/// the printable pack and the workbook and the version made so far, under the office pages' header and navigation.</summary>
public static class ReportListPage
{
    public static string Render(PlanDocument plan, DateTimeOffset now, ImmutableArray<PackSummary> packs)
    {
        var made = packs.ToDictionary(p => p.Week, StringComparer.Ordinal);
        var sb = new StringBuilder();
        // The office pages' look and header: the navigation by role, who is signed in and the plan clock come from
        // reports.js (as on 督办台账, 待核实, 调剂测算); the list itself is the server's.
        sb.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>周调度材料 · KejiLive</title>")
          .Append("<link rel=\"stylesheet\" href=\"/css/base.css\"><link rel=\"stylesheet\" href=\"/css/pages.css\"><link rel=\"stylesheet\" href=\"/css/office.css\">")
          .Append("<script type=\"module\" src=\"/js/reports.js\"></script></head><body class=\"page reports-page\">")
          .Append("<header class=\"page-head\"><div class=\"title-block\"><h1>周调度材料</h1><nav id=\"nav\" class=\"page-nav\" aria-label=\"页面导航\"></nav></div>")
          .Append("<div class=\"status-block\"><span id=\"who\" class=\"who\"></span><span id=\"clock\" class=\"clock\"></span></div></header>");
        if (plan.SampleSplit) sb.Append("<p class=\"sample-line\">").Append(E(ApiJson.SampleNotice)).Append("</p>");
        sb.Append("<div id=\"load-error\" class=\"load-error\" hidden></div><main class=\"page-main office-main\"><section class=\"box\"><h2>")
          .Append(E(plan.City + plan.Title)).Append(" <small>每周一 08:00（北京时间）自动生成上一周的材料；也可随时打开任一周，首次打开时生成。</small></h2>");
        sb.Append("<table class=\"grid report-list\"><thead><tr><th>周次</th><th>日期</th><th>状态</th><th>材料</th></tr></thead><tbody>");
        foreach (var week in PlanWeeks.All(plan).Where(w => PlanWeeks.HasStarted(plan, w, now)).Reverse())
        {
            var key = week.ToString();
            var status = made.TryGetValue(key, out var p)
                ? (p.Final ? $"已生成 第{p.Version}版" : $"预览 第{p.Version}版") + $"（红 {p.Red}、黄 {p.Yellow}）"
                : PlanWeeks.HasEnded(plan, week, now) ? "未生成（打开即生成）" : "本周进行中（打开为预览）";
            sb.Append("<tr><td>").Append(E($"{week.Year}年第{week.Week}周")).Append("</td><td>")
              .Append(E(week.DatesText)).Append("</td><td>")
              .Append(E(status)).Append("</td><td><a href=\"/reports/").Append(key).Append("\">网页</a> · <a href=\"/api/reports/weekly/")
              .Append(key).Append(".xlsx\">表格</a></td></tr>");
        }
        sb.Append("</tbody></table><p class=\"muted\">当前时间 ")
          .Append(E(ShanghaiTime.DateOf(now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).Append("</p></section></main></body></html>");
        return sb.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
