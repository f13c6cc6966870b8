using System.Globalization;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Alerts;

/// <summary>The alert rules: readings of a target × unit from its <see cref="TargetEvaluation"/> (and gap history), and
/// the unit-level 未报送 reading from all of a unit's evaluations. Which rules apply by kind: behind, will-miss and
/// falling-fast for count, range, growth and ratio targets; milestone-overdue for milestone targets; rank targets have
/// no alert rule (their light is the signal, announced once a year). The lag rules (behind, will-miss, falling-fast) fire
/// only under a yellow or red light: the light's own rules decide whether a unit is behind at all.</summary>
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

    /// <summary>Behind 序时进度. Points = pp behind (−较序时). Fires at ≥ yellowPoints (held down to the margin below), at
    /// the light's colour: yellow under a yellow light (red at ≥ redPoints is capped: never above the light), red under a
    /// red light (<see cref="FollowRedLight"/>); a green (or grey) light opens and keeps no behind alert.</summary>
    /// <remarks>The light already judges what the points alone cannot: a figure not yet due or not yet released, small
    /// targets in whole items with their grace, a unit catching up, the dwell. A 督办 that a unit must answer, and that
    /// escalates to a leader, for a target the wall shows green would be the false alarm those rules exist to prevent
    /// (seen in the demo: 1-item-due talent-teams units at −16 pp, green in whole items, escalated).</remarks>
    public static ConditionReading Behind(TargetEvaluation evaluation, Thresholds thresholds, AlertSettings settings)
    {
        var behind = -evaluation.GapPoints;
        if (!Raised(evaluation.Light)) return ConditionReading.Clear(AlertRule.Behind, behind);
        var reading = ConditionReading.FromThresholds(AlertRule.Behind, behind, settings.MarginPoints,
            [(AlertSeverity.Yellow, thresholds.YellowPoints), (AlertSeverity.Red, thresholds.RedPoints)]);
        if (evaluation.Light == Light.Red) return FollowRedLight(reading);
        return reading with { Level = AtMost(reading.Level, AlertSeverity.Yellow), HeldLevel = AtMost(reading.HeldLevel, AlertSeverity.Yellow) };
    }

    /// <summary>Yellow or red: the lag rules open and hold 督办 only under such a light (none under green or grey).</summary>
    private static bool Raised(Light light) => light is Light.Yellow or Light.Red;

    /// <summary>Why a lag 督办 is red under a red light: the history of the alert (opened, raised) and the notice to the unit
    /// say so.</summary>
    public const string RedLightNote = "灯色为红灯，督办按红色";

    /// <summary>Under a red light a lag reading that fires (or holds) does so at red: the light already judged the unit red
    /// (whole items past their grace, a forecast that misses, hysteresis), and a 督办 below the light (黄 beside a 红灯)
    /// summons the unit at less than the wall shows. A live lag alert is raised to red by its own reading, once, when the
    /// light turns red (<see cref="AlertTransition.SeverityRaised"/>, noted), and lowered back to its own level when the
    /// light leaves red (lights change at most once a week: no notice storm).</summary>
    private static ConditionReading FollowRedLight(ConditionReading reading) => reading with
    {
        Level = reading.Level is null ? null : AlertSeverity.Red,
        HeldLevel = reading.HeldLevel is null ? null : AlertSeverity.Red,
        Detail = reading.Level is null && reading.HeldLevel is null ? reading.Detail
            : reading.Detail is { } d ? $"{RedLightNote}；{d}" : RedLightNote,
    };

    private static AlertSeverity? AtMost(AlertSeverity? level, AlertSeverity cap) => level is { } l && l > cap ? cap : level;

    /// <summary>Will miss the year. Points = how far the forecast's high end is short of the annual target, in pp of the
    /// target ((target − high) / target × 100; negative = the high end is above). Orange when the evaluation says
    /// <see cref="TargetEvaluation.WillMiss"/> (high below target) under a yellow or red light; this does not wait for the
    /// light to turn red; under a red light it is red (<see cref="FollowRedLight"/>). Under a green light the forecast alone
    /// (the light turns a yellow red on it, never a green yellow) summons no unit: half of such 督办 in the demo replay
    /// went to units truly on plan.</summary>
    public static ConditionReading WillMiss(TargetEvaluation evaluation, AlertSettings settings)
    {
        if (evaluation.Forecast is not { } f || evaluation.AnnualTarget <= 0 || !Raised(evaluation.Light))
            return ConditionReading.Clear(AlertRule.WillMiss);
        var shortfall = (evaluation.AnnualTarget - f.High) / evaluation.AnnualTarget * 100;
        var m = settings.MarginPoints;
        AlertSeverity? level = evaluation.WillMiss ? AlertSeverity.Orange : null;
        AlertSeverity? held = evaluation.WillMiss || shortfall >= -m - 1e-9 ? AlertSeverity.Orange : null;
        var reading = new ConditionReading(AlertRule.WillMiss, level, held, level is not null && shortfall < m - 1e-9, shortfall);
        return evaluation.Light == Light.Red ? FollowRedLight(reading) : reading;
    }

    /// <summary>Falling behind fast. Points = how much 较序时 worsened since the newest sample on or before M weeks ago
    /// (pp; positive = worse). Yellow when it worsened by more than N points and the target is behind (较序时 &lt; 0), under
    /// a yellow or red light (red under a red light, <see cref="FollowRedLight"/>).
    /// Clear (no reading) while the history does not reach back M weeks.</summary>
    public static ConditionReading FallingFast(TargetEvaluation evaluation, GapHistory history, AlertSettings settings)
    {
        if (!Raised(evaluation.Light)) return ConditionReading.Clear(AlertRule.FallingFast);
        if (history.AtOrBefore(evaluation.Date.AddDays(-7 * settings.FallingFastWeeks)) is not { } then)
            return ConditionReading.Clear(AlertRule.FallingFast);
        var worsened = then.GapPoints - evaluation.GapPoints;
        var m = settings.MarginPoints;
        var n = settings.FallingFastPoints;
        var behind = evaluation.GapPoints < -1e-9;
        AlertSeverity? level = behind && worsened > n + 1e-9 ? AlertSeverity.Yellow : null;
        AlertSeverity? held = evaluation.GapPoints < m && worsened >= n - m - 1e-9 ? AlertSeverity.Yellow : null;
        if (level is not null) held = level;
        var reading = new ConditionReading(AlertRule.FallingFast, level, held, level is not null && worsened < n + m - 1e-9, worsened,
            string.Create(CultureInfo.InvariantCulture, $"{then.Date:yyyy-MM-dd} 起较序时下降 {worsened:0.#} 个百分点"));
        return evaluation.Light == Light.Red ? FollowRedLight(reading) : reading;
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
    /// names (<paramref name="targetName"/> of each id: the alert history is read by people, not by code). One reading
    /// (one alert) per unit, however many targets are missing.</summary>
    public static ConditionReading NotReported(IEnumerable<(string TargetId, bool NotReported)> unitTargets, Func<string, string> targetName)
    {
        var missing = unitTargets.Where(t => t.NotReported).Select(t => targetName(t.TargetId)).ToList();
        if (missing.Count == 0) return ConditionReading.Clear(AlertRule.NotReported);
        return new ConditionReading(AlertRule.NotReported, AlertSeverity.Yellow, AlertSeverity.Yellow, false, missing.Count,
            "未报送：" + string.Join("、", missing));
    }
}
