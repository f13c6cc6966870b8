using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>The 赛马 score of a unit across its targets.</summary>
public static class UnitScore
{
    /// <summary>The rule as shown under every ranking.</summary>
    public const string Rule = "得分 = 各项已可评价目标的（完成率 ÷ 序时进度，封顶 120%）平均值 × 100；以家、个、项等计的目标按灯色所用的应完成整数计（已完成数 ÷ 应完成数），尚无应完成项且未完成时不计入；尚无可评价目标的单位不参与排名。";

    /// <summary>Score 0–120, or null when no target of the unit can be judged yet. A target can be judged when its light
    /// is not grey and its 序时进度 is above 0; each contributes min(完成率 / 序时进度, 1.2). A target counted in whole
    /// items (<see cref="ItemRules.IsWhole"/>) contributes min(done / owed, 1.2) where owed is what its light holds it to
    /// (<see cref="TargetEvaluator.Owed"/>: whole items due, not a share of one), and nothing while nothing is owed and
    /// nothing is done: 0 of 5 talent teams at 16% of the year's curve (0.8 of an item) is green, and scoring it 0 put a
    /// green unit below yellow ones in the 赛马.</summary>
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
        if (target.Kind is TargetKind.Count or TargetKind.Range or TargetKind.Growth && ItemRules.IsWhole(target) && e.AnnualTarget > 0)
        {
            var owed = TargetEvaluator.Owed(target, e.AnnualTarget, e.Actual, e.ScheduleRate);
            // Nothing owed yet: not judged, unless something is already done (ahead of plan, as a rate would say).
            if (owed <= 1e-9) return e.Actual > 0 ? 1.2 : null;
            return Math.Min(e.Actual / owed, 1.2);
        }
        return Math.Min(e.CompletionRate / e.ScheduleRate, 1.2);
    }
}
