namespace KejiLive.Domain.Progress;

/// <summary>A target × unit judged at one instant.</summary>
/// <param name="Date">The Asia/Shanghai calendar date of the instant judged.</param>
/// <param name="AnnualTarget">The unit's annual target in the target's measure.</param>
/// <param name="Actual">The current effective value (0 when nothing was reported).</param>
/// <param name="Expected">What the plan curve says should be done by <paramref name="Date"/>.</param>
/// <param name="CompletionRate">完成率: Actual / AnnualTarget (ranks: goal / place).</param>
/// <param name="ScheduleRate">序时进度 as a fraction: Expected / AnnualTarget.</param>
/// <param name="GapPoints">较序时: (CompletionRate − ScheduleRate) × 100; negative is behind.</param>
/// <param name="NotReported">未报送: the newest report is older than the reporting cycle plus grace days.</param>
/// <param name="ReportedAsOf">AsOf of the newest effective report.</param>
/// <param name="RequiredPerMonth">The pace needed from now to reach the target (measure per 30 days); null when done or not a count.</param>
/// <param name="WillMiss">The forecast's high end is below the target.</param>
/// <param name="DaysOverdue">Milestones: days the first unfinished milestone is overdue (0 when none).</param>
/// <param name="Numerator">Ratios: the newest report's numerator, for roll-ups.</param>
/// <param name="Denominator">Ratios: the newest report's denominator, for roll-ups.</param>
public sealed record TargetEvaluation(
    DateOnly Date,
    double AnnualTarget,
    double? Stretch,
    double Actual,
    double Expected,
    double CompletionRate,
    double ScheduleRate,
    double GapPoints,
    Light Light,
    bool NotReported,
    DateOnly? ReportedAsOf,
    Forecast? Forecast,
    double? RequiredPerMonth,
    bool WillMiss,
    int DaysOverdue,
    double? Numerator,
    double? Denominator)
{
    /// <summary>待核实: the value judged rests on a report awaiting review (<see cref="DataQuality.RestsOnUnconfirmed"/>);
    /// the lag alerts do not open or move from it.</summary>
    public bool AwaitingReview { get; init; }
}
