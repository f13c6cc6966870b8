namespace KejiLive.Domain.Progress;

/// <summary>A target × unit judged at one instant.</summary>
/// <param name="Date">The Asia/Shanghai calendar date of the instant judged.</param>
/// <param name="AnnualTarget">The unit's annual target in the target's measure.</param>
/// <param name="Actual">The current effective value (0 when nothing was reported).</param>
/// <param name="Expected">What the plan curve says should be done by <see cref="ScheduleDate"/> (the figure's own date
/// for counts, ranges and growth targets while the unit is not 未报送, else <paramref name="Date"/>).</param>
/// <param name="CompletionRate">完成率: Actual / AnnualTarget (ranks: goal / place).</param>
/// <param name="ScheduleRate">序时进度 as a fraction, at <see cref="ScheduleDate"/>: Expected / AnnualTarget.</param>
/// <param name="GapPoints">较序时 at <see cref="ScheduleDate"/>: (CompletionRate − ScheduleRate) × 100; negative is behind.</param>
/// <param name="NotReported">未报送: a figure newer than the newest report was released more than the plan's grace days ago (<see cref="NotReportedRules.IsNotReported"/>).</param>
/// <param name="ReportedAsOf">AsOf of the newest effective report.</param>
/// <param name="RequiredPerMonth">The pace needed from <paramref name="Date"/> (not <see cref="ScheduleDate"/>) to reach
/// the target by 31 December (measure per 30 days); null when done or not a count.</param>
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

    /// <summary>The date the plan curve was read at: 序时进度（截至 ScheduleDate）. For counts, ranges and growth targets the
    /// newest report's AsOf while the unit is not 未报送, so a figure is judged against the plan at the date it describes
    /// (<see cref="TargetEvaluator.ScheduleDateOf"/>); otherwise, and when not set, <see cref="Date"/>. For a city roll-up
    /// of such targets, the earliest of its units' dates (each unit's Expected is read at its own date).</summary>
    public DateOnly ScheduleDate
    {
        get => _scheduleDate ?? Date;
        init => _scheduleDate = value;
    }

    private readonly DateOnly? _scheduleDate;

    /// <summary>A city roll-up whose units are read at different dates: the latest of them (<see cref="ScheduleDate"/> is
    /// the earliest), so a page says 序时进度（各单位截至 8月31日—9月30日） instead of one date that is not every unit's;
    /// null when every unit is read at the same date, and for a unit.</summary>
    public DateOnly? ScheduleDateLatest { get; init; }

    /// <summary>Why the light is what it is, in one Chinese sentence for the target page (e.g. "第三季度数据10月中旬发布，此前不判红").</summary>
    public string? Explanation { get; init; }

    /// <summary>The kind of <see cref="Explanation"/> as a stable code (<see cref="LightBasis"/>), for a page's badge; null
    /// when there is no explanation.</summary>
    public string? ExplanationCode { get; init; }

    /// <summary>How the year-end <see cref="Forecast"/> was made, in one Chinese sentence for the target page (预计依据),
    /// e.g. "按最近3期报送（截至6月30日）完成计划进度的97%推算余下进度（已报越少越向计划进度靠拢），预计年底约39家。"; null
    /// without a forecast and for roll-ups.</summary>
    public string? ForecastBasis { get; init; }

    /// <summary>Since when <see cref="Light"/> has been shown (null: not known); kept by the grain for the dwell time
    /// (<see cref="LightDwell"/>).</summary>
    public DateTimeOffset? LightSince { get; init; }

    /// <summary>The pair's own evidence of its pace (<see cref="UnitPace.Of"/>), which its unit lends to its targets that
    /// have none yet; null without such evidence and for ratios, ranks, milestones and roll-ups.</summary>
    public OwnPace? OwnPace { get; init; }

    /// <summary>临期: the next item or milestone node not done falls due soon (<see cref="Progress.DueSoon.Of"/>: 30 days for
    /// an item, 14 for a node); null otherwise and for roll-ups. Never moves the light.</summary>
    public DueSoon? DueSoon { get; init; }
}
