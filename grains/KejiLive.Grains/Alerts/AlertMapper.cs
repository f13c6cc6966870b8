using KejiLive.Domain.Alerts;
using KejiLive.Grains.Abstractions.Alerts;

namespace KejiLive.Grains.Alerts;

/// <summary>Domain alerts as messages: enum values as the lower-case codes the API and pages use.</summary>
public static class AlertMapper
{
    public static AlertView ToView(Alert a) => new()
    {
        Id = a.Id,
        Target = a.Key.TargetId,
        Unit = a.Key.UnitId,
        Rule = AlertIds.RuleCode(a.Key.Rule),
        Severity = Code(a.Severity),
        State = Code(a.State),
        Points = a.Points,
        OpenedAt = a.OpenedAt,
        AwaitingSince = a.AwaitingSince,
        Remedy = a.Remedy,
        PromisedBy = a.PromisedBy,
        EscalationLevel = a.EscalationLevel,
        EscalateTo = AlertNames.Recipient(a.EscalateTo),
        ChangedAt = a.LastChange?.At ?? a.OpenedAt,
        History = a.History.IsDefault ? [] : [.. a.History.Select(c => new AlertChangeView
        {
            Sequence = c.Sequence,
            At = c.At,
            Actor = c.Actor,
            Transition = AlertIds.TransitionCode(c.Transition),
            From = Code(c.From),
            To = Code(c.To),
            Severity = Code(c.Severity),
            EscalationLevel = c.EscalationLevel,
            Note = c.Note,
        })],
    };

    public static string Code(AlertState state) => state.ToString().ToLowerInvariant();

    public static string Code(AlertSeverity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>Silence messages to the domain's record and back.</summary>
    public static Silence ToDomain(SilenceView s) => new(s.Id, s.CreatedBy, s.Reason, s.From, s.Until, s.Unit, s.Target);
}
