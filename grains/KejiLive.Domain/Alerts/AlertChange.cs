namespace KejiLive.Domain.Alerts;

/// <summary>One recorded change of an alert.</summary>
/// <param name="Sequence">1-based position in the alert's history; never reused, so (alert id, transition, sequence)
/// identifies a notice for good (see <see cref="AlertIds.IdempotencyKey"/>).</param>
/// <param name="At">When it happened (the instant passed in).</param>
/// <param name="Actor">Who: a user or unit for acknowledgements and closes, <see cref="AlertLifecycle.SystemActor"/> for
/// automatic changes.</param>
/// <param name="From">State before.</param>
/// <param name="To">State after (equal to From for severity changes, reminders and escalations).</param>
/// <param name="Severity">Severity after the change.</param>
/// <param name="EscalationLevel">Escalation level after the change (0 = not escalated).</param>
/// <param name="Note">What: the remedy for an acknowledgement, the reason for a close or escalation, details otherwise.</param>
public sealed record AlertChange(
    int Sequence,
    AlertTransition Transition,
    DateTimeOffset At,
    string Actor,
    AlertState From,
    AlertState To,
    AlertSeverity Severity,
    int EscalationLevel,
    string? Note);
