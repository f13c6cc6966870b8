using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>Which reports were 待核实 at a pack's cut-off. A report counts as 待核实 at the cut-off when it had arrived by
/// then and either its stored mark had not ended by then (<see cref="ReviewMark.ClearedAt"/> null or later), or it is
/// still 待核实 now (<see cref="ReportEntry.AwaitingReview"/>: a mark never comes back once ended, so pending now means
/// pending since arrival). Without marks (a caller that has only the entries) a mark that ended after the cut-off cannot
/// be seen: such a report reads as trusted, as it stands now.</summary>
internal static class PackReview
{
    /// <summary>The reports with <see cref="ReportEntry.AwaitingReview"/> set as it stood at <paramref name="cutOff"/>.</summary>
    public static IReadOnlyList<ReportEntry> AsOf(IReadOnlyList<ReportEntry> reports, IReadOnlyList<ReviewMark>? marks, DateTimeOffset cutOff)
    {
        if (reports.Count == 0) return reports;
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in marks ?? [])
        {
            if (m.ClearedAt is not { } cleared || cleared > cutOff) open.Add(m.ReportId);
        }
        return [.. reports.Select(r => r with { AwaitingReview = r.ReceivedAt <= cutOff && (r.AwaitingReview || open.Contains(r.ReportId)) })];
    }
}
