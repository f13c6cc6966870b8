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
    /// <summary>Every light change made less than a week after the previous change of its target × unit, by one band or
    /// from or to grey (<see cref="QuickChange"/>).</summary>
    public ImmutableArray<QuickChange> QuickChanges { get; init; } = [];

    /// <summary>Every lag 督办 the alert rules opened (<see cref="Alerts.TargetAlerts.Observe(Alerts.TargetAlertState, Planning.TargetDefinition, Progress.TargetEvaluation, DateTimeOffset, Calendar.HolidayCalendar)"/>
    /// after each judgement, as the alerts grain does; none is ever answered in the replay).</summary>
    public ImmutableArray<LagAlert> LagAlerts { get; init; } = [];

    /// <summary>The city tile of every count, range and growth target (<see cref="CityTile"/>): the units' judgements
    /// rolled up as CityTargetGrain rolls them, against the city's truth (<see cref="CityTruth"/>). In plan order.</summary>
    public ImmutableArray<CityTileQuality> CityTiles { get; init; } = [];

    /// <summary>Reports accepted in the replay (refused ones are skipped, as the grain refuses them).</summary>
    public int Reports { get; init; }

    /// <summary>Accepted reports of the kinds the 待核实 rule checks (count, range, growth: <see cref="Progress.DataQuality.IsChecked"/>).</summary>
    public int CheckedReports { get; init; }

    /// <summary>Accepted reports of the checked kinds per target id.</summary>
    public ImmutableDictionary<string, int> CheckedByTarget { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>Per target id: for every accepted report of a checked kind that was compared with a trusted history, its
    /// change over the rule's allowance (above 1 is marked; 0.5 means half the allowance was used; a fall is negative).
    /// How close the demo came to the line.</summary>
    public ImmutableDictionary<string, ImmutableArray<double>> ChangeToAllowance { get; init; } = ImmutableDictionary<string, ImmutableArray<double>>.Empty;

    /// <summary>Every report marked 待核实 on arrival, in target, unit and arrival order. All are false alarms: the demo's
    /// figures carry no real errors.</summary>
    public ImmutableArray<QualityMark> QualityMarks { get; init; } = [];

    /// <summary>Year-end forecasts of count, range and growth targets made by the daily judge on the 1st of each month from
    /// July, each with the value the unit finished the year with.</summary>
    public ImmutableArray<ForecastCheck> Forecasts { get; init; } = [];

    /// <summary>Share of <see cref="Forecasts"/> whose range held the final value (0–1; 1 when there are none).</summary>
    public double ForecastRangeShare => Forecasts.IsEmpty ? 1 : (double)Forecasts.Count(f => f.WithinRange) / Forecasts.Length;

    /// <summary>Share of <see cref="Forecasts"/> whose point forecast was within ±10% of the final value.</summary>
    public double ForecastPointShare => Forecasts.IsEmpty ? 1 : (double)Forecasts.Count(f => f.PointWithin) / Forecasts.Length;

    /// <summary>Per target id: judgements made while truly within tolerance that showed yellow or red.</summary>
    /// <summary>Late-release notices (issue 17's inhibition): one per target and period, the first day it showed.</summary>
    public ImmutableArray<Progress.LateRelease> LateReleases { get; init; } = [];

    /// <summary>Judgements that flagged 未报送.</summary>
    public int NotReportedJudgements { get; init; }

    /// <summary>Judgements of a unit covered by a late-release notice (not flagged nor judged on the missing figure).</summary>
    public int InhibitedJudgements { get; init; }

    /// <summary>Judgements under a red light while the pair's live lag 督办 were all below red (黄 or 橙 beside a 红灯: the
    /// unit summoned at less than the wall shows).</summary>
    public int RedLightDuBanBelow { get; init; }

    /// <summary>The judgements made while truly within tolerance that showed yellow or red, per unit.</summary>
    public ImmutableDictionary<string, int> OnPlanRaisedByUnit { get; init; } = ImmutableDictionary<string, int>.Empty;

    public ImmutableDictionary<string, int> OnPlanRaisedByTarget { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>Share of judgements made while truly within tolerance that showed yellow or red (0–1).</summary>
    public double OnPlanRaisedShare => OnPlanJudgements == 0 ? 0 : (double)OnPlanRaised / OnPlanJudgements;

    /// <summary>Marks for a rise far above the unit's history and the plan's pace.</summary>
    public int Jumps => QualityMarks.Count(m => m.Issue == Progress.QualityIssue.Jump);

    /// <summary>Marks for a fall below the last trusted report.</summary>
    public int Drops => QualityMarks.Count(m => m.Issue == Progress.QualityIssue.Drop);

    /// <summary>Share of all accepted reports that were marked (0–1).</summary>
    public double MarkedShare => Reports == 0 ? 0 : (double)QualityMarks.Length / Reports;

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
