namespace KejiLive.Domain.Weekly;

/// <summary>A 督办 alert as the weekly pack needs it: the input from the alert system (empty until it is wired).</summary>
/// <param name="Id">The alert's id.</param>
/// <param name="UnitId">The unit it was sent to.</param>
/// <param name="TargetId">The target it is about; null for unit-level alerts (未报送).</param>
/// <param name="Rule">What raised it, as shown (e.g. 落后序时进度).</param>
/// <param name="Severity">As shown: 红 | 橙 | 黄.</param>
/// <param name="State">Its state now; for past weeks the pack reads <paramref name="OpenedAt"/>/<paramref name="ClosedAt"/>.</param>
/// <param name="ClosedAt">When it stopped being live (resolved or closed); null while open or acknowledged.</param>
/// <param name="Remedy">整改措施 as the unit typed it (untrusted text: encoded in HTML, never a formula in XLSX).</param>
/// <param name="PromisedBy">The date the unit promised to be back on track by.</param>
public sealed record PackAlert(
    string Id,
    string UnitId,
    string? TargetId,
    string Rule,
    string Severity,
    PackAlertState State,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    string? Remedy,
    DateOnly? PromisedBy)
{
    /// <summary>True when the alert was live at <paramref name="instant"/>: opened by then and not yet resolved or closed.</summary>
    public bool IsLiveAt(DateTimeOffset instant) => OpenedAt <= instant && (ClosedAt is null || ClosedAt > instant);
}
