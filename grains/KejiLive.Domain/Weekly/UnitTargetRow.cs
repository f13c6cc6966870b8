using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>One target on a unit's page, at the week's end.</summary>
/// <param name="ChartName">The chart of this unit × target (drawn for yellow and red ones), else null.</param>
/// <param name="Note">The note of the newest report that counts (untrusted text the unit typed).</param>
public sealed record UnitTargetRow(
    string TargetId,
    string TargetName,
    string Measure,
    TargetKind Kind,
    double Annual,
    double Actual,
    double CompletionRate,
    double ScheduleRate,
    double GapPoints,
    Light Light,
    bool NotReported,
    DateOnly? ReportedAsOf,
    double PreviousActual,
    string? ChartName,
    string? Note)
{
    /// <summary>待核实: <see cref="Actual"/> rests on a report awaiting the city office's confirmation at the cut-off.</summary>
    public bool AwaitingReview { get; init; }

    /// <summary>The date <see cref="ScheduleRate"/> was read off the curve at (序时进度截至): the report's AsOf while the
    /// unit is not 未报送 (<see cref="TargetEvaluation.ScheduleDate"/>).</summary>
    public DateOnly ScheduleDate { get; init; }

    /// <summary>Why the light is not what 较序时 alone would give (its one-sentence 判灯依据), e.g. a 1-item target at
    /// −40 points that owes no whole item yet, a yellow held by hysteresis, a red from "will miss"; null when they agree.</summary>
    public string? Why { get; init; }

    /// <summary>较上周: change of the value, in the target's measure.</summary>
    public double DeltaValue => Actual - PreviousActual;
}
