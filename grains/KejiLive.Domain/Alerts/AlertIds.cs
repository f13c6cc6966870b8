using System.Globalization;

namespace KejiLive.Domain.Alerts;

/// <summary>Deterministic text ids. Alert id: <c>&lt;target&gt;.&lt;unit&gt;.&lt;rule&gt;.&lt;yyyyMMdd opened&gt;</c>, with
/// <c>-2</c>, <c>-3</c>… appended for a second or later alert of the same key opened on the same Shanghai day; unit-level
/// alerts use <c>_</c> for the target (target ids never contain <c>_</c> or <c>.</c>). Ids use only URL-safe characters
/// (no <c>/</c>), so they fit <c>/api/alerts/{id}/ack</c> unescaped. Idempotency key per notice:
/// <c>&lt;alert id&gt;/&lt;transition&gt;/&lt;sequence&gt;</c>.</summary>
public static class AlertIds
{
    /// <summary>Stands for "no target" in the ids of unit-level alerts.</summary>
    public const string NoTarget = "_";

    /// <summary>The rule's code in ids: behind, will-miss, falling-fast, not-reported, milestone-overdue.</summary>
    public static string RuleCode(AlertRule rule) => rule switch
    {
        AlertRule.Behind => "behind",
        AlertRule.WillMiss => "will-miss",
        AlertRule.FallingFast => "falling-fast",
        AlertRule.NotReported => "not-reported",
        AlertRule.MilestoneOverdue => "milestone-overdue",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown alert rule"),
    };

    /// <summary>The transition's code in idempotency keys: opened, severity-raised, severity-lowered, acknowledged,
    /// resolved, reopened, closed, escalated, reminded.</summary>
    public static string TransitionCode(AlertTransition transition) => transition switch
    {
        AlertTransition.Opened => "opened",
        AlertTransition.SeverityRaised => "severity-raised",
        AlertTransition.SeverityLowered => "severity-lowered",
        AlertTransition.Acknowledged => "acknowledged",
        AlertTransition.Resolved => "resolved",
        AlertTransition.Reopened => "reopened",
        AlertTransition.Closed => "closed",
        AlertTransition.Escalated => "escalated",
        AlertTransition.Reminded => "reminded",
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, "unknown transition"),
    };

    /// <summary><c>&lt;target or _&gt;.&lt;unit&gt;.&lt;rule&gt;</c>.</summary>
    public static string KeyText(AlertKey key) => $"{key.TargetId ?? NoTarget}.{key.UnitId}.{RuleCode(key.Rule)}";

    /// <summary>The id of an alert of <paramref name="key"/> opened on Shanghai date <paramref name="openedOn"/>;
    /// <paramref name="sameDaySequence"/> is 1 for the first alert of the key that day, 2 for the second…</summary>
    public static string AlertId(AlertKey key, DateOnly openedOn, int sameDaySequence = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sameDaySequence, 1);
        var id = $"{KeyText(key)}.{openedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
        return sameDaySequence == 1 ? id : $"{id}-{sameDaySequence.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>The idempotency key of the notice for a change: <c>&lt;alert id&gt;/&lt;transition&gt;/&lt;sequence&gt;</c>.</summary>
    public static string IdempotencyKey(string alertId, AlertTransition transition, int sequence) =>
        $"{alertId}/{TransitionCode(transition)}/{sequence.ToString(CultureInfo.InvariantCulture)}";
}
