namespace KejiLive.Domain.Progress;

/// <summary>The plan for one day: the expected value, and the lines below which the light turns yellow and red
/// (in the target's measure, never below 0).</summary>
public sealed record TrajectoryPoint(DateOnly Date, double Expected, double YellowLine, double RedLine);
