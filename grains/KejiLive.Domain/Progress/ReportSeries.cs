using System.Collections.Immutable;

namespace KejiLive.Domain.Progress;

/// <summary>The effective series of a unit's reports: one entry per AsOf date, the one received last
/// (ties: the later in the list), in AsOf order. Reports sent back by the city office (<see cref="ReportEntry.Rejected"/>)
/// never count. History is never dropped; this is just the view that counts.</summary>
public static class ReportSeries
{
    /// <summary>The effective series over all reports.</summary>
    public static ImmutableArray<ReportEntry> Effective(IReadOnlyList<ReportEntry> reports) =>
        Build(reports, static _ => true);

    /// <summary>The effective series as it stood at <paramref name="now"/>: only reports received at or before
    /// <paramref name="now"/> and valid for a date on or before <paramref name="date"/> count.</summary>
    public static ImmutableArray<ReportEntry> EffectiveAt(IReadOnlyList<ReportEntry> reports, DateTimeOffset now, DateOnly date) =>
        Build(reports, r => r.ReceivedAt <= now && r.AsOf <= date);

    private static ImmutableArray<ReportEntry> Build(IReadOnlyList<ReportEntry> reports, Func<ReportEntry, bool> include)
    {
        var byDate = new SortedDictionary<DateOnly, ReportEntry>();
        foreach (var r in reports)
        {
            if (r.Rejected || !include(r)) continue;
            if (!byDate.TryGetValue(r.AsOf, out var held) || r.ReceivedAt >= held.ReceivedAt)
            {
                byDate[r.AsOf] = r;
            }
        }
        return [.. byDate.Values];
    }
}
