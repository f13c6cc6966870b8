using System.Collections.Immutable;

namespace KejiLive.Domain.Demo;

/// <summary>What a <see cref="SignalQuality"/> replay counted, with every episode behind the counts. Definitions are on
/// <see cref="SignalQuality"/>.</summary>
/// <param name="FlapDays">The flap window: a change undone within this many days is a flap.</param>
/// <param name="TargetUnits">Target × unit pairs replayed (overlays excluded).</param>
/// <param name="Judgements">Judgements made (the daily judge plus one per day with reports, per target × unit).</param>
/// <param name="LightChanges">Judgements whose light differs from the one before (grey at the start of the year).</param>
/// <param name="OnPlanJudgements">Judgements of count, range and growth targets made on days the unit's true cumulative
/// was within the yellow tolerance.</param>
/// <param name="OnPlanRaised">Of those, the judgements that nevertheless showed yellow or red (false alarms).</param>
/// <param name="StepwiseReds">Every red episode on a stepwise target, false or not.</param>
/// <param name="Lags">Every lag episode of the ground truth, caught or not.</param>
/// <param name="Flaps">Every light change undone within <paramref name="FlapDays"/>.</param>
public sealed record SignalQualityResult(
    int FlapDays,
    int TargetUnits,
    int Judgements,
    int LightChanges,
    int OnPlanJudgements,
    int OnPlanRaised,
    ImmutableArray<StepwiseRed> StepwiseReds,
    ImmutableArray<LagCatch> Lags,
    ImmutableArray<LightFlap> Flaps)
{
    /// <summary>Red episodes on stepwise targets that were false (<see cref="StepwiseRed.IsFalse"/>).</summary>
    public int FalseReds => StepwiseReds.Count(r => r.IsFalse);

    /// <summary>Lag episodes that no yellow, red or 未报送 showed while they lasted.</summary>
    public int NeverCaught => Lags.Count(l => !l.Caught);

    /// <summary>Lag episodes caught more than <paramref name="days"/> days after they began.</summary>
    public int CaughtLaterThan(int days) => Lags.Count(l => l.DelayDays > days);

    /// <summary>Flaps per target × unit, for the pairs that flapped at all; most first, then by target and unit id.</summary>
    public ImmutableArray<KeyValuePair<(string TargetId, string UnitId), int>> FlapsByTargetUnit =>
    [
        .. Flaps.GroupBy(f => (f.TargetId, f.UnitId))
            .Select(g => KeyValuePair.Create(g.Key, g.Count()))
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key.TargetId, StringComparer.Ordinal)
            .ThenBy(p => p.Key.UnitId, StringComparer.Ordinal),
    ];
}
