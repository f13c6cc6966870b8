using KejiLive.Domain.Alerts;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Demo;

/// <summary>A lag 督办 (behind, will-miss or falling-fast) that the replay's alert rules opened for a target × unit: what
/// the unit would have had to answer. <paramref name="Light"/> is the unit's light for the target in the same judgement;
/// <paramref name="TrulyLagging"/> whether its true cumulative was at or below −YellowPoints that day (null for targets
/// without a pace truth).</summary>
public sealed record LagAlert(string TargetId, string UnitId, AlertRule Rule, AlertSeverity Severity, DateTimeOffset At, Light Light, bool? TrulyLagging)
{
    /// <summary>Opened for a unit that was truly within tolerance: a 督办 it should not have had.</summary>
    public bool WhileOnPlan => TrulyLagging == false;
}
