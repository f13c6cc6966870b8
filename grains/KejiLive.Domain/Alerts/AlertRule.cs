namespace KejiLive.Domain.Alerts;

/// <summary>The rule that raised an alert. At most one alert per target × unit × rule is live at a time
/// (per unit × rule for <see cref="NotReported"/>). The text codes used in ids are in <see cref="AlertIds.RuleCode"/>.</summary>
public enum AlertRule
{
    /// <summary>Behind 序时进度: 较序时 at or below −yellowPoints (yellow) or −redPoints (red) of the target's thresholds,
    /// under a yellow or red light and never above it.</summary>
    Behind,

    /// <summary>Will miss the year: the forecast's high end is below the annual target (orange), under a yellow or red
    /// light.</summary>
    WillMiss,

    /// <summary>Falling behind fast: 较序时 worsened by more than N points over the last M weeks while behind (yellow),
    /// under a yellow or red light.</summary>
    FallingFast,

    /// <summary>未报送: one alert per unit while any of its targets is not reported (yellow).</summary>
    NotReported,

    /// <summary>A milestone is overdue: yellow up to 7 days, orange 8–15, red beyond (defaults).</summary>
    MilestoneOverdue,
}
