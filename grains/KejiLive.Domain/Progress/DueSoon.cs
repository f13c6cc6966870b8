using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>临期: the next item of a small-number target (<see cref="ItemRules.IsSmall"/>) or the next milestone node is not
/// done and falls due within <see cref="ItemDays"/> days (a node within <see cref="NodeDays"/>). It does not move the light — nothing is late yet, and a unit judged
/// in whole items stays green until its item is past due — but a leader looking at "0 / 8, 绿灯" on 20 December and the
/// unit that owes the item both need to see that the deadline is near.</summary>
/// <param name="Due">The due date of the item or node not done.</param>
/// <param name="DaysLeft">Calendar days from the judged date to <paramref name="Due"/> (0 on the day itself).</param>
/// <param name="Text">One Chinese sentence for the pages: "临期：第1项期限12月31日，还剩11天，已完成0项（共1项）。"</param>
public sealed record DueSoon(DateOnly Due, int DaysLeft, string Text)
{
    /// <summary>How many days before its due date an item not done is shown as 临期: a month, as its grace after the due
    /// date is (<see cref="ItemRules.GraceDays"/>).</summary>
    public const int ItemDays = 30;

    /// <summary>How many days before its due date a milestone node not reported done is shown as 临期: two weeks (nodes
    /// come every quarter or so; a month would keep a quarterly task 临期 a third of the year).</summary>
    public const int NodeDays = 14;

    /// <summary>临期 for <paramref name="target"/> × <paramref name="assignment"/> on <paramref name="date"/>: small-number
    /// counts and ranges by the due date of their first item not done that is not yet past due, milestones by their first
    /// such node (one already late is the light's and the 节点逾期 督办's to say); null for other targets, when everything
    /// is done, and when that due date is further away than <see cref="ItemDays"/> or <see cref="NodeDays"/>.</summary>
    /// <remarks>A node is named as the 未报送 sentence names it (<see cref="NotReportedRules.Reason"/>): "临期：二季度：党务干部教育培训
    /// 期限6月30日，还剩5天，尚未报送完成。"</remarks>
    /// <param name="done">The unit's effective value: items done, or milestone nodes reported done (0 without a report).</param>
    public static DueSoon? Of(TargetDefinition target, Assignment assignment, double done, DateOnly date) => target.Kind switch
    {
        TargetKind.Count or TargetKind.Range when ItemRules.IsSmall(target, assignment.Target) => ForItems(target, assignment, done, date),
        TargetKind.Milestone => ForNode(target.Milestones, done, date),
        _ => null,
    };

    private static DueSoon? ForItems(TargetDefinition target, Assignment assignment, double actual, DateOnly date)
    {
        var done = (int)Math.Floor(actual + 1e-9);
        var annual = (int)Math.Ceiling(assignment.Target - 1e-9);
        // The first item not done whose due date has not passed (an earlier one already late is the light's to say).
        for (var n = done + 1; n <= annual; n++)
        {
            if (ItemRules.DueDateOf(target, assignment, n, date.Year) is not { } due) return null;
            var left = due.DayNumber - date.DayNumber;
            if (left < 0) continue;
            // In 项 whatever the measure, as the light's own sentence counts them (ItemRules.Judge).
            // An earlier item already late is said, so "第2项…已完成0项" does not read as a miscount.
            var late = n == done + 1 ? "" : n == done + 2 ? $"，第{done + 1}项已过期限" : $"，第{done + 1}—{n - 1}项已过期限";
            return left > ItemDays ? null : new DueSoon(due, left, $"临期：第{n}项期限{When(due, left)}，已完成{done}项（共{annual}项{late}）。");
        }
        return null;
    }

    private static DueSoon? ForNode(ImmutableArray<Milestone> milestones, double reported, DateOnly date)
    {
        if (milestones.IsDefaultOrEmpty) return null;
        // Nodes are done in order: the first node not done whose due date has not passed.
        for (var k = Math.Max((int)Math.Floor(reported + 1e-9), 0); k < milestones.Length; k++)
        {
            var node = milestones[k];
            var left = node.Due.DayNumber - date.DayNumber;
            if (left < 0) continue;
            return left > NodeDays ? null : new DueSoon(node.Due, left, $"临期：{node.Name} 期限{When(node.Due, left)}，尚未报送完成。");
        }
        return null;
    }

    /// <summary>"12月31日，还剩11天", or "今天（12月31日）" on the day itself.</summary>
    private static string When(DateOnly due, int left) =>
        left == 0 ? $"今天（{ItemRules.Cn(due)}）" : $"{ItemRules.Cn(due)}，还剩{left}天";
}
