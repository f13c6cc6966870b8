using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Demo;

/// <summary>One judgement of a target × unit in the replay: when it was made and what it found, as the unit's
/// TargetGrain would send it to its CityTargetGrain.</summary>
public sealed record UnitJudgement(DateTimeOffset At, UnitResult Unit);
