namespace KejiLive.Domain.Alerts;

/// <summary>Turns recorded changes into notices for the outbox. Audience: opened, reopened, severity changes, reminders,
/// resolved and closed go to the unit; escalations to the leader (<see cref="Alert.EscalateTo"/>); acknowledgements
/// to the city office.</summary>
public static class AlertNotices
{
    /// <summary>The recipient text of city-office notices.</summary>
    public const string CityOffice = "city-office";

    /// <summary>One notice per change recorded in <paramref name="after"/> beyond <paramref name="before"/>'s sequence
    /// (all of them when <paramref name="before"/> is null or another alert), in order.</summary>
    public static IReadOnlyList<AlertNotice> Between(Alert? before, Alert after)
    {
        var from = before is not null && before.Id == after.Id ? before.Sequence : 0;
        var list = new List<AlertNotice>();
        for (var i = from; i < after.Sequence; i++) list.Add(For(after, after.History[i]));
        return list;
    }

    /// <summary>The notice for one change of <paramref name="alert"/>.</summary>
    public static AlertNotice For(Alert alert, AlertChange change)
    {
        var audience = change.Transition switch
        {
            AlertTransition.Escalated => AlertAudience.Leader,
            AlertTransition.Acknowledged => AlertAudience.CityOffice,
            _ => AlertAudience.Unit,
        };
        var recipient = audience switch
        {
            AlertAudience.Leader => alert.EscalateTo,
            AlertAudience.CityOffice => CityOffice,
            _ => alert.Key.UnitId,
        };
        return new AlertNotice(
            AlertIds.IdempotencyKey(alert.Id, change.Transition, change.Sequence), alert.Id, alert.Key, change.Transition,
            change.Sequence, audience, change.Severity, recipient, change.At, change.Note);
    }
}
