namespace KejiLive.Domain.Progress;

/// <summary>One accepted report, as stored. Reports are never overwritten: a correction is a new entry.</summary>
/// <param name="ReportId">The sender's id; the same id again is a duplicate and changes nothing.</param>
/// <param name="AsOf">The date the figure is valid for (Asia/Shanghai calendar date).</param>
/// <param name="Value">Cumulative value for cumulative kinds; the ratio (× scale) for ratios; the place for ranks;
/// the number of milestones done for milestones.</param>
/// <param name="Numerator">Ratio targets: the numerator (e.g. R&amp;D spending), so roll-ups sum numerators.</param>
/// <param name="Denominator">Ratio targets: the denominator (e.g. GDP).</param>
/// <param name="Correction">True when the sender marked it as a correction: it may lower a cumulative value.</param>
/// <param name="ReceivedAt">When the service accepted it.</param>
/// <param name="SubmittedBy">Who sent it (the authenticated principal, or "anonymous").</param>
/// <param name="Source">Where it came from (remote address, or "excel:&lt;file&gt;").</param>
public sealed record ReportEntry(
    string ReportId,
    DateOnly AsOf,
    double Value,
    double? Numerator,
    double? Denominator,
    bool Correction,
    string? Note,
    DateTimeOffset ReceivedAt,
    string SubmittedBy,
    string Source)
{
    /// <summary>True while the report is 待核实: marked far outside the unit's history (<see cref="DataQuality"/>) and
    /// neither confirmed by the city office nor settled by a later report.</summary>
    public bool AwaitingReview { get; init; }

    /// <summary>True when the city office sent the report back (退回, <see cref="ReviewDecision.Reject"/>): it stays in
    /// the history but no series counts it (<see cref="ReportSeries"/>); the unit reports again.</summary>
    public bool Rejected { get; init; }
}
