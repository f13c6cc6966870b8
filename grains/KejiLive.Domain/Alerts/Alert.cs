using System.Collections.Immutable;

namespace KejiLive.Domain.Alerts;

/// <summary>A 督办 alert: immutable; every transition (<see cref="AlertLifecycle"/>) returns a new one with one more
/// entry in <see cref="History"/>.</summary>
/// <param name="Id">Deterministic id (<see cref="AlertIds.AlertId"/>); never changes, also not on reopen.</param>
/// <param name="EscalateTo">Who escalations go to: the target's leader in charge (分管领导); for unit-level alerts
/// (未报送) the city office.</param>
/// <param name="DetectedAt">When the condition was first seen (the start of the pending period for a marginal crossing).</param>
/// <param name="OpenedAt">When the alert opened.</param>
/// <param name="AwaitingSince">When the current wait for an answer began: the open or the latest reopen. The
/// acknowledgement deadline and the reminders count from here.</param>
/// <param name="Remedy">整改措施 of the latest acknowledgement.</param>
/// <param name="PromisedBy">The date (Asia/Shanghai) the unit promised to be back on track by.</param>
/// <param name="EscalationLevel">0 = not escalated; +1 per escalation (all go to <paramref name="EscalateTo"/>).</param>
/// <param name="EscalatedUnanswered">Already escalated for no acknowledgement in the current wait.</param>
/// <param name="EscalatedForPromise">The promised date already escalated for (a new promise can escalate again).</param>
/// <param name="RemindersSent">Reminders sent in the current wait (resets on acknowledgement and reopen).</param>
/// <param name="LastReminderAt">When the latest reminder of the current wait went out.</param>
/// <param name="Points">The rule's latest reading in its own unit: pp behind (behind), pp short of the target
/// (will-miss), pp worsened over the window (falling-fast), targets not reported (未报送), days late (milestones).</param>
public sealed record Alert(
    string Id,
    AlertKey Key,
    AlertState State,
    AlertSeverity Severity,
    string EscalateTo,
    DateTimeOffset DetectedAt,
    DateTimeOffset OpenedAt,
    DateTimeOffset AwaitingSince,
    string? Remedy,
    DateOnly? PromisedBy,
    int EscalationLevel,
    bool EscalatedUnanswered,
    DateOnly? EscalatedForPromise,
    int RemindersSent,
    DateTimeOffset? LastReminderAt,
    double Points,
    ImmutableArray<AlertChange> History)
{
    /// <summary>The sequence number of the latest change (= number of changes).</summary>
    public int Sequence => History.IsDefault ? 0 : History.Length;

    /// <summary>Open or acknowledged: the condition is (or was until the hold ends) still present.</summary>
    public bool IsLive => State is AlertState.Open or AlertState.Acknowledged;

    /// <summary>The latest change, or null for an alert built without history.</summary>
    public AlertChange? LastChange => History.IsDefaultOrEmpty ? null : History[^1];
}
