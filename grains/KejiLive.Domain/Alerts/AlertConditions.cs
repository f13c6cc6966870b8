using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Alerts;

/// <summary>The alert rules: readings of a target × unit from its <see cref="TargetEvaluation"/> (and gap history), and
/// the unit-level 未报送 reading from all of a unit's evaluations. Which rules apply by kind: behind, will-miss and
/// falling-fast for count, range, growth and ratio targets; milestone-overdue for milestone targets; rank targets have
/// no alert rule (their light is the signal, announced once a year). Nothing fires on a grey light.</summary>
public static class AlertConditions
{
    /// <summary>The target-level rules that apply to a kind, in a fixed order.</summary>
    public static IReadOnlyList<AlertRule> RulesFor(TargetKind kind) => kind switch
    {
        TargetKind.Count or TargetKind.Range or TargetKind.Growth or TargetKind.Ratio => [AlertRule.Behind, AlertRule.WillMiss, AlertRule.FallingFast],
        TargetKind.Milestone => [AlertRule.MilestoneOverdue],
        _ => [],
    };

    /// <summary>Readings of every rule that applies to <paramref name="target"/>, in <see cref="RulesFor"/> order.
    /// <paramref name="history"/> should already hold the evaluation's own sample.</summary>
    public static IReadOnlyList<ConditionReading> ForTarget(TargetDefinition target, AlertSettings settings, TargetEvaluation evaluation, GapHistory history)
    {
        var list = new List<ConditionReading>();
        foreach (var rule in RulesFor(target.Kind))
        {
            list.Add(rule switch
            {
                AlertRule.Behind => Behind(evaluation, target.Thresholds, settings),
                AlertRule.WillMiss => WillMiss(evaluation, settings),
                AlertRule.FallingFast => FallingFast(evaluation, history, settings),
                _ => MilestoneOverdue(evaluation, target.Thresholds, settings),
            });
        }
        return list;
    }

    /// <summary>Behind 序时进度. Points = pp behind (−较序时). Yellow at ≥ yellowPoints, red at ≥ redPoints (the
    /// light's thresholds: 10 and 30 by default).</summary>
    public static ConditionReading Behind(TargetEvaluation evaluation, Thresholds thresholds, AlertSettings settings)
    {
        var behind = -evaluation.GapPoints;
        if (evaluation.Light == Light.Grey) return ConditionReading.Clear(AlertRule.Behind, behind);
        return ConditionReading.FromThresholds(AlertRule.Behind, behind, settings.MarginPoints,
            [(AlertSeverity.Yellow, thresholds.YellowPoints), (AlertSeverity.Red, thresholds.RedPoints)]);
    }

    /// <summary>Will miss the year. Points = how far the forecast's high end is short of the annual target, in pp of the
    /// target ((target − high) / target × 100; negative = the high end is above). Orange when the evaluation says
    /// <see cref="TargetEvaluation.WillMiss"/> (high below target); this does not wait for the light to turn red.</summary>
    public static ConditionReading WillMiss(TargetEvaluation evaluation, AlertSettings settings)
    {
        if (evaluation.Forecast is not { } f || evaluation.AnnualTarget <= 0 || evaluation.Light == Light.Grey)
            return ConditionReading.Clear(AlertRule.WillMiss);
        var shortfall = (evaluation.AnnualTarget - f.High) / evaluation.AnnualTarget * 100;
        var m = settings.MarginPoints;
        AlertSeverity? level = evaluation.WillMiss ? AlertSeverity.Orange : null;
        AlertSeverity? held = evaluation.WillMiss || shortfall >= -m - 1e-9 ? AlertSeverity.Orange : null;
        return new ConditionReading(AlertRule.WillMiss, level, held, level is not null && shortfall < m - 1e-9, shortfall);
    }

    /// <summary>Falling behind fast. Points = how much 较序时 worsened since the newest sample on or before M weeks ago
    /// (pp; positive = worse). Yellow when it worsened by more than N points and the target is behind (较序时 &lt; 0).
    /// Clear (no reading) while the history does not reach back M weeks.</summary>
    public static ConditionReading FallingFast(TargetEvaluation evaluation, GapHistory history, AlertSettings settings)
    {
        if (evaluation.Light == Light.Grey) return ConditionReading.Clear(AlertRule.FallingFast);
        if (history.AtOrBefore(evaluation.Date.AddDays(-7 * settings.FallingFastWeeks)) is not { } then)
            return ConditionReading.Clear(AlertRule.FallingFast);
        var worsened = then.GapPoints - evaluation.GapPoints;
        var m = settings.MarginPoints;
        var n = settings.FallingFastPoints;
        var behind = evaluation.GapPoints < -1e-9;
        AlertSeverity? level = behind && worsened > n + 1e-9 ? AlertSeverity.Yellow : null;
        AlertSeverity? held = evaluation.GapPoints < m && worsened >= n - m - 1e-9 ? AlertSeverity.Yellow : null;
        if (level is not null) held = level;
        return new ConditionReading(AlertRule.FallingFast, level, held, level is not null && worsened < n + m - 1e-9, worsened,
            $"{then.Date:yyyy-MM-dd} 起较序时下降 {worsened:0.#} 个百分点");
    }

    /// <summary>A milestone is overdue. Points = days late. Yellow 1..orangeAfterDays, orange up to the target's
    /// milestoneRedDays, red beyond (defaults: ≤ 7 yellow, 8–15 orange, &gt; 15 red). No margin: days only grow until
    /// the milestone is reported done.</summary>
    public static ConditionReading MilestoneOverdue(TargetEvaluation evaluation, Thresholds thresholds, AlertSettings settings)
    {
        var days = evaluation.DaysOverdue;
        return ConditionReading.FromThresholds(AlertRule.MilestoneOverdue, days, 0,
            [(AlertSeverity.Yellow, 1), (AlertSeverity.Orange, settings.MilestoneOrangeAfterDays + 1), (AlertSeverity.Red, thresholds.MilestoneRedDays + 1)]);
    }

    /// <summary>未报送 for a unit: yellow while any of its targets is not reported
    /// (<see cref="TargetEvaluation.NotReported"/>). Points = how many targets are not reported; the detail lists their
    /// ids. One reading (one alert) per unit, however many targets are missing.</summary>
    public static ConditionReading NotReported(IEnumerable<(string TargetId, bool NotReported)> unitTargets)
    {
        var missing = unitTargets.Where(t => t.NotReported).Select(t => t.TargetId).ToList();
        if (missing.Count == 0) return ConditionReading.Clear(AlertRule.NotReported);
        return new ConditionReading(AlertRule.NotReported, AlertSeverity.Yellow, AlertSeverity.Yellow, false, missing.Count,
            "未报送：" + string.Join("、", missing));
    }
}
