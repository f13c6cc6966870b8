namespace KejiLive.Domain.Alerts;

/// <summary>What happened to an alert; every change is kept in <see cref="Alert.History"/> with who, when and a note.
/// Text codes (used in idempotency keys) are in <see cref="AlertIds.TransitionCode"/>.</summary>
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
