namespace KejiLive.Domain.Alerts;

/// <summary>What happened to an alert; every change is kept in <see cref="Alert.History"/> with who, when and a note.
/// Text codes (used in idempotency keys) are in <see cref="AlertIds.TransitionCode"/>. <see cref="Reopened"/> is both the
/// automatic reopen (a resolved alert whose condition returns; from Resolved, by <see cref="AlertLifecycle.SystemActor"/>)
/// and the city office's reopen of a closed alert (from Closed, by the person, the reason as the note).</summary>
public enum AlertTransition
{
    Opened,
    SeverityRaised,
    SeverityLowered,
    Acknowledged,
    Resolved,
    Reopened,
    Closed,
    Escalated,
    Reminded,
}
