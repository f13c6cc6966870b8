namespace KejiLive.Domain.Weekly;

/// <summary>A stored report that was marked 待核实 (awaiting the city office's confirmation) when it arrived, and when
/// that mark ended, so a pack can tell whether it was still 待核实 at its cut-off.</summary>
/// <param name="ReportId">The report's id within its target × unit.</param>
/// <param name="ClearedAt">When the mark ended: the city office's confirmation, or the arrival of the later report that
/// replaced or corrected it; null while it is still 待核实.</param>
public sealed record ReviewMark(string ReportId, DateTimeOffset? ClearedAt);
