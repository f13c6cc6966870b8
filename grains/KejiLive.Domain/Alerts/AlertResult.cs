namespace KejiLive.Domain.Alerts;

/// <summary>The outcome of a lifecycle transition: the new alert, or a refusal (and the alert unchanged).
/// Exactly one of <see cref="Alert"/> and <see cref="Refusal"/> is set.</summary>
public sealed record AlertResult(Alert? Alert, AlertRefusal? Refusal)
{
    /// <summary>True when the transition was applied.</summary>
    public bool IsOk => Refusal is null;

    public static AlertResult Ok(Alert alert) => new(alert, null);

    public static AlertResult Refused(AlertRefusalCode code, string field, string message) => new(null, new AlertRefusal(code, field, message));
}
