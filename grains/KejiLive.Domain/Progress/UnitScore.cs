using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>The 赛马 score of a unit across its targets.</summary>
public static class UnitScore
{
    /// <summary>The rule as shown under every ranking.</summary>
    public const string Rule = "得分 = 各项已可评价目标的（完成率 ÷ 序时进度，封顶 120%）平均值 × 100；尚无可评价目标的单位不参与排名。";

    /// <summary>Score 0–120, or null when no target of the unit can be judged yet.</summary>
    public static double? Compute(IReadOnlyList<(TargetDefinition Target, TargetEvaluation Evaluation)> targets) => throw new NotImplementedException();
}
