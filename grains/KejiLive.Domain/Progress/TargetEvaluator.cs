using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>Judges a target × unit at an instant: expected value from the plan curve, 序时进度, 完成率, 较序时,
/// the light (with hysteresis against <c>previous</c>), 未报送, the year-end forecast and the pace needed.</summary>
public static class TargetEvaluator
{
    public static TargetEvaluation Evaluate(
        PlanDocument plan,
        TargetDefinition target,
        Assignment assignment,
        IReadOnlyList<ReportEntry> reports,
        DateTimeOffset now,
        Light previous) => throw new NotImplementedException();
}
