namespace KejiLive.Domain.Alerts;

/// <summary>Why an alert goes up to the leader in charge.</summary>
public enum EscalationReason
{
    /// <summary>Not acknowledged by the end of the N-th working day after it opened (or reopened).</summary>
    NotAcknowledged,

    /// <summary>Acknowledged, but the promised date passed while the alert is not resolved.</summary>
    PromiseMissed,
}
