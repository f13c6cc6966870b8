using System.Globalization;
using System.Text;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Delivery;

namespace KejiLive.Grains.Alerts;

/// <summary>Turns an alert notice into the message a unit, a leader or the city office reads (Chinese markdown that
/// WeCom, DingTalk, e-mail and webhooks all carry).</summary>
public static class AlertMessages
{
    public static Notification Build(PlanDocument plan, AlertNotice notice, Alert alert, string contactPointId, string publicUrl, DateTimeOffset now)
    {
        var unit = plan.FindUnit(notice.Key.UnitId);
        var target = notice.Key.TargetId is { } t ? plan.FindTarget(t) : null;
        var unitName = unit?.Name ?? notice.Key.UnitId;
        var subject = target?.Name ?? "各项目标报送";
        var title = $"【{Verb(notice)}】{unitName}·{subject}";
        var link = target is null ? $"{publicUrl.TrimEnd('/')}/units/{notice.Key.UnitId}" : $"{publicUrl.TrimEnd('/')}/targets/{target.Id}";
        var md = new StringBuilder();
        md.Append("### ").Append(title).Append('\n');
        md.Append("> 等级：").Append(SeverityName(notice.Severity)).Append("　规则：").Append(AlertNames.Rule(notice.Key.Rule)).Append('\n');
        md.Append("> 情况：").Append(Reading(alert, target)).Append('\n');
        if (alert.Remedy is { Length: > 0 } remedy)
        {
            md.Append("> 整改措施：").Append(remedy).Append("（承诺 ").Append(alert.PromisedBy?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(" 前）\n");
        }
        if (notice.Note is { Length: > 0 } note) md.Append("> 说明：").Append(Names(plan, note)).Append('\n');
        md.Append("> 督办编号：").Append(alert.Id).Append("　发出：").Append(notice.RaisedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append('\n');
        if (plan.SampleSplit) md.Append("> 示例数据：目标分解为示例。\n");
        return new Notification
        {
            IdempotencyKey = notice.IdempotencyKey + "@" + contactPointId,
            ContactPointId = contactPointId,
            Kind = Kind(notice.Transition),
            Unit = notice.Key.UnitId,
            UnitName = unitName,
            Target = notice.Key.TargetId,
            Title = title,
            Markdown = md.ToString(),
            AlertIds = [alert.Id],
            Link = link,
            CreatedAt = now,
        };
    }

    /// <summary>Target ids in a note (the 未报送 list) as the names officials read.</summary>
    private static string Names(PlanDocument plan, string note)
    {
        foreach (var t in plan.Targets.OrderByDescending(t => t.Id.Length)) note = note.Replace(t.Id, t.Name, StringComparison.Ordinal);
        return note;
    }

    private static string Verb(AlertNotice n) => n.Transition switch
    {
        AlertTransition.Opened or AlertTransition.Reopened => "督办",
        AlertTransition.SeverityRaised => "督办升级",
        AlertTransition.SeverityLowered => "督办降级",
        AlertTransition.Acknowledged => "督办已答复",
        AlertTransition.Resolved => "已回到序时",
        AlertTransition.Closed => "督办销号",
        AlertTransition.Escalated => "督办上报分管领导",
        AlertTransition.Reminded => "督办提醒",
        _ => "督办",
    };

    private static NotificationKind Kind(AlertTransition t) => t switch
    {
        AlertTransition.Opened or AlertTransition.Reopened or AlertTransition.SeverityRaised or AlertTransition.SeverityLowered => NotificationKind.AlertOpened,
        AlertTransition.Acknowledged => NotificationKind.Acknowledged,
        AlertTransition.Escalated => NotificationKind.Escalated,
        AlertTransition.Reminded => NotificationKind.Reminder,
        AlertTransition.Resolved => NotificationKind.Resolved,
        _ => NotificationKind.Closed,
    };

    private static string SeverityName(AlertSeverity s) => s switch
    {
        AlertSeverity.Red => "红色",
        AlertSeverity.Orange => "橙色",
        AlertSeverity.Yellow => "黄色",
        _ => "提示",
    };

    /// <remarks>A ratio's points are of 完成率, a share of its target: 1.68% against 2% is "较目标低 16.2%", never
    /// "16.2 个百分点", which reads as points of the ratio itself (the pages say the same, common.js ratioRuleText).</remarks>
    private static string Reading(Alert a, TargetDefinition? target) => (a.Key.Rule, target?.Kind) switch
    {
        (AlertRule.Behind, TargetKind.Ratio) => string.Create(CultureInfo.InvariantCulture, $"较目标低 {a.Points:0.0}%"),
        (AlertRule.FallingFast, TargetKind.Ratio) => string.Create(CultureInfo.InvariantCulture, $"较目标差距扩大 {a.Points:0.0}%"),
        (AlertRule.WillMiss, TargetKind.Ratio) => string.Create(CultureInfo.InvariantCulture, $"年底预测上限低于目标 {a.Points:0.0}%"),
        _ => Rule(a, target),
    };

    private static string Rule(Alert a, TargetDefinition? target) => a.Key.Rule switch
    {
        AlertRule.Behind => string.Create(CultureInfo.InvariantCulture, $"较序时落后 {a.Points:0.0} 个百分点"),
        AlertRule.WillMiss => string.Create(CultureInfo.InvariantCulture, $"年底预测上限低于目标 {a.Points:0.0} 个百分点"),
        AlertRule.FallingFast => string.Create(CultureInfo.InvariantCulture, $"较序时差距扩大 {a.Points:0.0} 个百分点"),
        AlertRule.NotReported => string.Create(CultureInfo.InvariantCulture, $"{a.Points:0} 项目标过了报送期限（含宽限期）仍未报送"),
        _ => $"{target?.Name ?? "节点"} 逾期 {a.Points:0} 天",
    };
}
