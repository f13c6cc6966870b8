using System.Collections.Immutable;

namespace KejiLive.Domain.Progress;

/// <summary>The effective series of a unit's reports: one entry per AsOf date, the one received last
/// (ties: the later in the list), in AsOf order. Reports sent back by the city office (<see cref="ReportEntry.Rejected"/>)
/// never count. History is never dropped; this is just the view that counts.</summary>
/// <remarks>Judging reads a series that is usually effective already (<see cref="SeriesIndex.Counted"/>): one report
/// per date, in date order, none sent back, every one counted. Such a series is its own effective series and is
/// handed back as it is (an <see cref="ImmutableArray{T}"/> without a copy), found in one pass without allocating;
/// anything else is built as always.</remarks>
public static class ReportSeries
{
    /// <summary>The effective series over all reports.</summary>
    public static ImmutableArray<ReportEntry> Effective(IReadOnlyList<ReportEntry> reports) => Build(reports, null, null);

    /// <summary>The effective series as it stood at <paramref name="now"/>: only reports received at or before
    /// <paramref name="now"/> and valid for a date on or before <paramref name="date"/> count.</summary>
    public static ImmutableArray<ReportEntry> EffectiveAt(IReadOnlyList<ReportEntry> reports, DateTimeOffset now, DateOnly date) =>
        Build(reports, now, date);

    private static bool Counts(ReportEntry r, DateTimeOffset? now, DateOnly? date) =>
        !r.Rejected && (now is not { } at || r.ReceivedAt <= at) && (date is not { } until || r.AsOf <= until);

    private static ImmutableArray<ReportEntry> Build(IReadOnlyList<ReportEntry> reports, DateTimeOffset? now, DateOnly? date)
    {
        ArgumentNullException.ThrowIfNull(reports);
        if (IsEffective(reports, now, date)) return reports is ImmutableArray<ReportEntry> same ? same : [.. reports];
        var byDate = new SortedDictionary<DateOnly, ReportEntry>();
        for (var i = 0; i < reports.Count; i++)
        {
            var r = reports[i];
            if (!Counts(r, now, date)) continue;
            if (!byDate.TryGetValue(r.AsOf, out var held) || r.ReceivedAt >= held.ReceivedAt)
            {
                byDate[r.AsOf] = r;
            }
        }
        return [.. byDate.Values];
    }

    /// <summary>True when every report counts and the dates strictly increase: then the effective series is the list.</summary>
    private static bool IsEffective(IReadOnlyList<ReportEntry> reports, DateTimeOffset? now, DateOnly? date)
    {
        for (var i = 0; i < reports.Count; i++)
        {
            var r = reports[i];
            if (!Counts(r, now, date) || (i > 0 && r.AsOf <= reports[i - 1].AsOf)) return false;
        }
        return true;
    }
}
