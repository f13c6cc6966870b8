using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>A line of the red and yellow list (红黄名单): a unit behind on a target, since when, and what it answered.</summary>
/// <param name="GapPoints">较序时 in percentage points (negative).</param>
/// <param name="Shortfall">差额 in the target's measure: what the unit owes − actual (cumulative targets; whole items for
/// item measures), for a ratio (measure %) the points of the ratio below its target; else null.</param>
/// <param name="Since">The first day of the current run of yellow/red lights.</param>
/// <param name="AlertId">The live 督办 alert on this unit × target at the week's end, if any.</param>
/// <param name="Remedy">The unit's answer (untrusted text); null = 未答复.</param>
public sealed record WatchRow(
    string UnitId,
    string UnitName,
    string TargetId,
    string TargetName,
    string Measure,
    Light Light,
    double GapPoints,
    double? Shortfall,
    DateOnly Since,
    string? AlertId,
    string? Remedy,
    DateOnly? PromisedBy,
    string ChartName)
{
    /// <summary>待核实: the figure this light rests on was awaiting the city office's confirmation at the cut-off.</summary>
    public bool AwaitingReview { get; init; }

    /// <summary>True when the unit gave a remedy.</summary>
    public bool Answered => !string.IsNullOrWhiteSpace(Remedy);
}
