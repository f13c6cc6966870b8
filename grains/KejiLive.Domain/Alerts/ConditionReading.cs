namespace KejiLive.Domain.Alerts;

/// <summary>One rule's reading of a target × unit (or unit) at an instant, as <see cref="AlertTracker"/> needs it.</summary>
/// <param name="Level">The severity reached without margin (null: not firing).</param>
/// <param name="HeldLevel">The severity an existing alert keeps: thresholds eased by the margin (null: clear).
/// Always at least <paramref name="Level"/>.</param>
/// <param name="Marginal">Firing, but by less than the margin past the lowest threshold: open only after the pending
/// period. False for a clear crossing, which opens at once.</param>
/// <param name="Points">The reading in the rule's unit (see <see cref="Alert.Points"/>).</param>
/// <param name="Detail">A short text for people (e.g. which targets are not reported).</param>
public sealed record ConditionReading(AlertRule Rule, AlertSeverity? Level, AlertSeverity? HeldLevel, bool Marginal, double Points, string? Detail = null)
{
    /// <summary>Nothing to judge or nothing wrong.</summary>
    public static ConditionReading Clear(AlertRule rule, double points = 0) => new(rule, null, null, false, points);

    /// <summary>A reading of levels at ascending thresholds on a scale where higher is worse: the level is the highest
    /// whose threshold is reached (≥, within 1e-9); held levels use thresholds lowered by <paramref name="margin"/> (so a value clears only once it is more than the margin below the threshold);
    /// marginal when below the lowest threshold + margin.</summary>
    public static ConditionReading FromThresholds(AlertRule rule, double points, double margin,
        IReadOnlyList<(AlertSeverity Severity, double Threshold)> levels, string? detail = null)
    {
        const double eps = 1e-9;
        AlertSeverity? level = null, held = null;
        foreach (var (severity, threshold) in levels)
        {
            if (points >= threshold - eps) level = severity;
            if (points >= threshold - margin - eps) held = severity;
        }
        var marginal = level is not null && margin > 0 && points < levels[0].Threshold + margin - eps;
        return new ConditionReading(rule, level, held, marginal, points, detail);
    }
}
