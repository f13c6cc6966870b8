namespace KejiLive.Domain.Progress;

/// <summary>A target of the plan as one unit holds it (the key of a target grain).</summary>
public readonly record struct TargetUnit(string Target, string Unit);
