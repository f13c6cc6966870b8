namespace KejiLive.Domain.Alerts;

/// <summary>An explicit silence (静默): notices of matching alerts raised while it is active wait until it ends.</summary>
/// <param name="Id">Any stable id chosen by whoever stores silences.</param>
/// <param name="CreatedBy">Who set it.</param>
/// <param name="Reason">Why (shown with the deferred notices).</param>
/// <param name="From">Start, inclusive.</param>
/// <param name="Until">End, exclusive; after <paramref name="From"/>.</param>
/// <param name="UnitId">Matches alerts of this unit; null = any unit.</param>
/// <param name="TargetId">Matches alerts of this target; null = any target (unit-level alerts have no target and only
/// match silences without one). At least one of unit and target is set: there is no silence of everything.</param>
public sealed record Silence(string Id, string CreatedBy, string Reason, DateTimeOffset From, DateTimeOffset Until, string? UnitId, string? TargetId)
{
    /// <summary>True when the silence covers alerts of <paramref name="key"/>.</summary>
    public bool Matches(AlertKey key) =>
        (UnitId is null || UnitId == key.UnitId) && (TargetId is null || TargetId == key.TargetId);

    /// <summary>True when <paramref name="instant"/> is in [From, Until).</summary>
    public bool IsActiveAt(DateTimeOffset instant) => instant >= From && instant < Until;

    /// <summary>Every broken invariant as (field, message); empty when valid.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate()
    {
        var errors = new List<(string, string)>();
        if (string.IsNullOrWhiteSpace(CreatedBy)) errors.Add(("createdBy", "who sets the silence must be named"));
        if (string.IsNullOrWhiteSpace(Reason)) errors.Add(("reason", "a silence needs a reason"));
        if (Until <= From) errors.Add(("until", $"until ({Until:O}) must be after from ({From:O})"));
        if (string.IsNullOrWhiteSpace(UnitId) && string.IsNullOrWhiteSpace(TargetId))
            errors.Add(("unit", "a silence must name a unit, a target or both"));
        return errors;
    }
}
