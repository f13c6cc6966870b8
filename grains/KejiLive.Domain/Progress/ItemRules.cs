using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>Targets counted in whole items (家, 个, 项, 名, 人). A share of an item cannot be owed, so the plan's expected
/// value is read in whole items; a unit whose annual target is 1 or 2 (平台、研究院、中试基地), or 3 where one item is more
/// than the red tolerance, is judged in items against due dates with a grace period, never in percentage points (one
/// item late would be −33 to −100 points).</summary>
public static class ItemRules
{
    /// <summary>Annual targets up to this many items are small-number targets.</summary>
    public const double SmallTarget = 2;

    /// <summary>Days after an item's due date before its absence is red (yellow until then).</summary>
    public const int GraceDays = 30;

    /// <summary>True for a measure counted in whole items.</summary>
    public static bool IsWhole(TargetDefinition target) => IsWholeMeasure(target.Measure);

    /// <summary>True for a measure (计量单位) counted in whole items.</summary>
    public static bool IsWholeMeasure(string? measure) => measure is "家" or "个" or "项" or "名" or "人";

    /// <summary>A count or range in whole items whose unit target is at least one and at most <see cref="SmallTarget"/>, or
    /// so small that one item is more than the red tolerance (3 items at red 30: one item is 33 points).</summary>
    public static bool IsSmall(TargetDefinition target, double annual) =>
        target.Kind is TargetKind.Count or TargetKind.Range && IsWhole(target) && annual >= 1
        && (annual <= SmallTarget + LightRules.Epsilon || 100 / annual > target.Thresholds.RedPoints + LightRules.Epsilon);

    /// <summary>Whole items the plan expects by a share <paramref name="share"/> of <paramref name="annual"/> (floor).</summary>
    public static int Due(double share, double annual) => (int)Math.Floor((share * annual) + 1e-9);

    /// <summary>The first date in the plan year by which the plan expects <paramref name="items"/> whole items; null when
    /// it never does.</summary>
    public static DateOnly? DueDateOf(TargetDefinition target, Assignment assignment, int items, int year)
    {
        var last = new DateOnly(year, 12, 31);
        for (var d = new DateOnly(year, 1, 1); d <= last; d = d.AddDays(1))
        {
            if (Due(PlanCurve.Share(target, assignment, d), assignment.Target) >= items) return d;
        }
        return null;
    }

    /// <summary>The light of a small-number target: green when the items due by <paramref name="scheduleDate"/> are done;
    /// else yellow up to <see cref="GraceDays"/> days past the first missing item's due date, red beyond.</summary>
    public static (Light Light, string Explanation) Judge(TargetDefinition target, Assignment assignment, double actual, DateOnly scheduleDate)
    {
        var annual = assignment.Target;
        var due = Due(PlanCurve.Share(target, assignment, scheduleDate), annual);
        var done = (int)Math.Floor(actual + 1e-9);
        if (done >= due)
        {
            var next = done < annual ? DueDateOf(target, assignment, done + 1, scheduleDate.Year) : null;
            return (Light.Green, next is { } n
                ? $"按整项判断：截至{Cn(scheduleDate)}应完成{due}项，已完成{done}项，下一项期限{Cn(n)}。"
                : $"按整项判断：应完成{due}项，已完成{done}项。");
        }
        var dueDate = DueDateOf(target, assignment, done + 1, scheduleDate.Year) ?? scheduleDate;
        var late = scheduleDate.DayNumber - dueDate.DayNumber;
        var light = late <= GraceDays ? Light.Yellow : Light.Red;
        return (light, $"应完成{due}项，已完成{done}项，期限{Cn(dueDate)}（宽限{GraceDays}天{(light == Light.Red ? "，已超过" : "")}）。");
    }

    internal static string Cn(DateOnly d) => $"{d.Month}月{d.Day}日";
}
