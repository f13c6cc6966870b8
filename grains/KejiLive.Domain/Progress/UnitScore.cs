using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>The 赛马 score of a unit across its targets.</summary>
public static class UnitScore
{
    /// <summary>The rule as shown under every ranking.</summary>
    public const string Rule = "得分 = 各项已可评价目标的（完成率 ÷ 序时进度，封顶 120%）平均值 × 100；尚无可评价目标的单位不参与排名。";

    /// <summary>Score 0–120, or null when no target of the unit can be judged yet. A target can be judged when its light
    /// is not grey and its 序时进度 is above 0; each contributes min(完成率 / 序时进度, 1.2).</summary>
    public static double? Compute(IReadOnlyList<(TargetDefinition Target, TargetEvaluation Evaluation)> targets)
    {
        var sum = 0.0;
        var n = 0;
        foreach (var (_, e) in targets)
        {
            if (e.Light == Light.Grey || e.ScheduleRate <= 0) continue;
            sum += Math.Min(e.CompletionRate / e.ScheduleRate, 1.2);
            n++;
        }
        return n == 0 ? null : sum / n * 100;
    }
}
