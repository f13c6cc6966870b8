namespace KejiLive.Domain.Alerts;

/// <summary>Turns recorded changes into notices for the outbox. Audience: opened, reopened, severity changes, reminders,
/// resolved and closed go to the unit; escalations to the leader (<see cref="Alert.EscalateTo"/>); acknowledgements
/// to the city office.</summary>
public static class AlertNotices
{
    /// <summary>The recipient text of city-office notices, and who a unit-level alert escalates to: the office's name
    /// as people read it on the 督办 pages (已升级 2 次 → 市科技局).</summary>
    public const string CityOffice = "市科技局";

    /// <summary>The code alerts stored before carried for the city office; read as <see cref="CityOffice"/>
    /// (<see cref="AlertNames.Recipient"/>).</summary>
    public const string CityOfficeCode = "city-office";

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
