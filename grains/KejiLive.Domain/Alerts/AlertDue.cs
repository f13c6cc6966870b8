namespace KejiLive.Domain.Alerts;

/// <summary>What is due for an alert at an instant.</summary>
/// <param name="Remind">A reminder to the unit is due now.</param>
/// <param name="Escalate">An escalation to the leader is due now, and why; null when none.</param>
/// <param name="NextAt">The earliest instant anything is due: the instant passed in when something is due now, else
/// the next future deadline or reminder; null when nothing will ever be due (resolved or closed). One timer set to this
/// is enough; reaching it, call <see cref="AlertSchedule.Apply"/> and ask again.</param>
public sealed record AlertDue(bool Remind, EscalationReason? Escalate, DateTimeOffset? NextAt)
{
    /// <summary>True when a reminder or an escalation is due now.</summary>
    public bool Any => Remind || Escalate is not null;
}
