using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>One line of the summary table: a city target at the week's end, compared with the previous week's end.</summary>
/// <param name="Annual">年度目标 in the target's measure.</param>
/// <param name="Actual">累计完成.</param>
/// <param name="CompletionRate">完成率 as a fraction.</param>
/// <param name="ScheduleRate">序时进度 as a fraction.</param>
/// <param name="GapPoints">较序时 in percentage points (negative = behind).</param>
/// <param name="UnitsNotReported">Units (overlays not counted) flagged 未报送 on this target.</param>
/// <param name="ChartName">The chart of this target's city curve.</param>
public sealed record SummaryRow(
    string TargetId,
    string Name,
    string Group,
    string Measure,
    TargetKind Kind,
    string Department,
    double Annual,
    double Actual,
    double CompletionRate,
    double ScheduleRate,
    double GapPoints,
    Light Light,
    double PreviousActual,
    double PreviousCompletionRate,
    Light PreviousLight,
    int UnitsNotReported,
    string ChartName)
{
    /// <summary>Units (overlays not counted) whose figure on this target rests on a report that was 待核实 at the cut-off:
    /// accepted and summed, but awaiting the city office's confirmation.</summary>
    public int UnitsAwaitingReview { get; init; }

    /// <summary>The date <see cref="ScheduleRate"/> was read off the curve at (序时进度截至): the earliest of the units' data
    /// dates for counts, ranges and growth targets (<see cref="TargetEvaluation.ScheduleDate"/>), else the cut-off date.</summary>
    public DateOnly ScheduleDate { get; init; }

    /// <summary>When the units are read at different dates, the latest of them (<see cref="ScheduleDate"/> is the earliest);
    /// null when all are read at one date.</summary>
    public DateOnly? ScheduleDateLatest { get; init; }

    /// <summary>Why the city's light is not what its 较序时 alone would give (the roll-up's one-sentence 判灯依据, e.g. the whole
    /// items the units owe for a target of 2 个 at −50.0 and green), as the unit pages print beside their lights; null where
    /// the two agree (<see cref="PackLists.WhyOf"/>).</summary>
    public string? Why { get; init; }

    /// <summary>较上周: change of 完成率 in percentage points.</summary>
    public double DeltaPoints => (CompletionRate - PreviousCompletionRate) * 100;

    /// <summary>较上周: change of the value, in the target's measure.</summary>
    public double DeltaValue => Actual - PreviousActual;
}
