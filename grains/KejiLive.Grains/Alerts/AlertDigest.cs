using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Alerts;

namespace KejiLive.Grains.Alerts;

/// <summary>The city office's daily digest of live 督办: how many, how bad, who has not answered, grouped by unit.</summary>
public static class AlertDigest
{
    /// <summary>The digest's title and markdown, or null when no alert is live.</summary>
    public static (string Title, string Markdown)? Build(PlanDocument plan, ImmutableArray<AlertView> alerts, DateOnly day, DateTimeOffset now)
    {
        var live = alerts.Where(a => a.State is "open" or "acknowledged").ToList();
        if (live.Count == 0) return null;
        var title = $"【督办日报】{day:yyyy-MM-dd} 未办结督办 {live.Count} 项";
        var md = new StringBuilder();
        md.Append("### ").Append(title).Append('\n');
        md.Append("> 红色 ").Append(live.Count(a => a.Severity == "red"))
          .Append(" 项，橙色 ").Append(live.Count(a => a.Severity == "orange"))
          .Append(" 项，黄色 ").Append(live.Count(a => a.Severity == "yellow"))
          .Append(" 项；待答复 ").Append(live.Count(a => a.State == "open"))
          .Append(" 项，已上报分管领导 ").Append(live.Count(a => a.EscalationLevel > 0)).Append(" 项\n");
        foreach (var unit in live.GroupBy(a => a.Unit).OrderByDescending(g => g.Count(a => a.State == "open")).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            md.Append("- **").Append(plan.FindUnit(unit.Key)?.Name ?? unit.Key).Append("**：");
            md.AppendJoin("；", unit.Select(a =>
            {
                var what = a.Target is { } t ? plan.FindTarget(t)?.Name ?? t : "各项目标报送";
                var days = Domain.Calendar.ShanghaiTime.DaysBetween(a.AwaitingSince, now).ToString(CultureInfo.InvariantCulture);
                return a.State == "open" ? $"{what}（待答复 {days} 天）" : $"{what}（已答复，承诺 {a.PromisedBy:yyyy-MM-dd} 前）";
            }));
            md.Append('\n');
        }
        if (plan.SampleSplit) md.Append("> 示例数据：目标分解为示例。\n");
        return (title, md.ToString());
    }
}
