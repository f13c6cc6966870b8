namespace KejiLive.Domain.Progress;

/// <summary>One unit's judged state of a target, as input to a city roll-up.</summary>
public sealed record UnitResult(string UnitId, TargetEvaluation Evaluation);
