using System.Collections.Immutable;
using System.Net;
using System.Text;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using KejiLive.Grains.Abstractions.Reports;

namespace KejiLive.Dashboard.Endpoints;

/// <summary>The page at <c>/reports</c>: every week of the plan year that has started, newest first, with links to
/// the printable pack and the workbook and the version made so far.</summary>
public static class ReportListPage
{
    public static string Render(PlanDocument plan, DateTimeOffset now, ImmutableArray<PackSummary> packs)
    {
        var made = packs.ToDictionary(p => p.Week, StringComparer.Ordinal);
        var sb = new StringBuilder();
        sb.Append("<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><link rel=\"icon\" href=\"data:,\">")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>周调度材料</title><style>")
          .Append("body{font-family:\"WenQuanYi Micro Hei\",\"Noto Sans CJK SC\",sans-serif;max-width:960px;margin:24px auto;padding:0 16px;color:#1b1f24}")
          .Append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #c9d1da;padding:6px 8px}th{background:#eef2f6}")
          .Append(".sample{background:#fff4d6;border:1px solid #e6a700;padding:6px 10px;font-weight:bold}a{color:#1f5fa8}.muted{color:#6b7682}")
          .Append("</style></head><body><h1>").Append(E(plan.City + plan.Title)).Append(" · 周调度材料</h1>");
        if (plan.SampleSplit) sb.Append("<p class=\"sample\">").Append(E(ApiJson.SampleNotice)).Append("</p>");
        sb.Append("<p class=\"muted\">每周一 08:00（北京时间）自动生成上一周的材料；也可随时打开任一周，首次打开时生成。</p>");
        sb.Append("<table><thead><tr><th>周次</th><th>日期</th><th>状态</th><th>材料</th></tr></thead><tbody>");
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
          .Append(E(ShanghaiTime.DateOf(now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).Append("</p></body></html>");
        return sb.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
