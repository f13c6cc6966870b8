namespace KejiLive.Domain.Alerts;

/// <summary>What an alert is about: a target × unit × rule, or a unit × rule for unit-level rules (未报送), where
/// <see cref="TargetId"/> is null. At most one live (not closed) alert exists per key.</summary>
public sealed record AlertKey(string? TargetId, string UnitId, AlertRule Rule)
{
    /// <summary>A target × unit key.</summary>
    public static AlertKey ForTarget(string targetId, string unitId, AlertRule rule) => new(targetId, unitId, rule);

    /// <summary>A unit-level key (no target), e.g. 未报送.</summary>
    public static AlertKey ForUnit(string unitId, AlertRule rule) => new(null, unitId, rule);

    /// <summary><c>&lt;target or _&gt;.&lt;unit&gt;.&lt;rule code&gt;</c>, e.g. <c>hi-tech.360702.behind</c>.</summary>
    public override string ToString() => AlertIds.KeyText(this);
}
