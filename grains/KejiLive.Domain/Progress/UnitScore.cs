using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>The 赛马 score of a unit across its targets.</summary>
public static class UnitScore
{
    /// <summary>The rule as shown under every ranking.</summary>
    public const string Rule = "得分 = 各项已可评价目标的（完成率 ÷ 序时进度，封顶 120%）平均值 × 100；按项评价的小目标以已完成项数 ÷ 应完成项数计，尚无应完成项且未完成时不计入；尚无可评价目标的单位不参与排名。";

    /// <summary>Score 0–120, or null when no target of the unit can be judged yet. A target can be judged when its light
    /// is not grey and its 序时进度 is above 0; each contributes min(完成率 / 序时进度, 1.2). A small-number target
    /// (<see cref="ItemRules.IsSmall"/>: judged in whole items, not points) contributes min(items done / items owed,
    /// 1.2), and nothing while no whole item is owed and none is done: 0 of 1 pilot base at 78% of the year's curve is green (nothing is owed
    /// yet), and scoring it 0 put a green unit at the bottom of the 赛马.</summary>
    public static double? Compute(IReadOnlyList<(TargetDefinition Target, TargetEvaluation Evaluation)> targets)
    {
        var sum = 0.0;
        var n = 0;
        foreach (var (target, e) in targets)
        {
            if (Contribution(target, e) is not { } c) continue;
            sum += c;
            n++;
        }
        return n == 0 ? null : sum / n * 100;
    }

    /// <summary>One target's part of the score (0–1.2), or null when it cannot be judged yet.</summary>
    public static double? Contribution(TargetDefinition target, TargetEvaluation e)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(e);
        if (e.Light == Light.Grey || e.ScheduleRate <= 0) return null;
        if (ItemRules.IsSmall(target, e.AnnualTarget))
        {
            var owed = ItemRules.Due(e.ScheduleRate, e.AnnualTarget);
            // Nothing owed yet: not judged, unless something is already done (ahead of plan, as a rate would say).
            if (owed == 0) return e.Actual > 0 ? 1.2 : null;
            return Math.Min(e.Actual / owed, 1.2);
        }
        return Math.Min(e.CompletionRate / e.ScheduleRate, 1.2);
    }
}
