using System.Collections.Immutable;

namespace KejiLive.Domain.Progress;

/// <summary>A target × unit's report history reduced to what a judgement reads, kept current as reports arrive: per
/// AsOf date the report that counts (<see cref="Counted"/>, as <see cref="ReportSeries.Effective"/> picks it) and the
/// one that counts among reports not awaiting review (<see cref="Trusted"/>, the history <see cref="DataQuality"/>
/// compares with).</summary>
/// <remarks>
/// <para>The evaluators only ever read a history through <see cref="ReportSeries"/>, which keeps one report per AsOf
/// date: the one received last, ties going to the later in the list. Handing them this reduction instead of the whole
/// history gives the same answers (<see cref="ReportSeries.Effective"/> of it is itself, and an AsOf filter picks the
/// same report per date), while adding a report costs one array of its d dates (no tree; a copy of the index shares
/// the arrays) instead of re-reading every report: a unit that sends the same month's figure many times, or corrects it
/// often, no longer makes each new report slower.</para>
/// <para>Built for the reports in list order and <see cref="Add"/>ed to only at the end of the list. A change of a
/// mark on an earlier report (settled, confirmed, sent back) is not incremental: build the index again with
/// <see cref="Of"/>. <see cref="LatestReceived"/> lets a caller see when a report was received after the instant it
/// judges (a clock restarted behind), where only the whole history with its receipt filter gives the right answer.</para>
/// </remarks>
public sealed class SeriesIndex
{
    // Each series as an immutable array in date order: a copy of the index shares them (O(1)), an added report replaces
    // or inserts one element (O(d), usually at the end), and the evaluators read the array itself.
    private ImmutableArray<ReportEntry> _counted = [];
    private ImmutableArray<ReportEntry> _trusted = [];

    /// <summary>The reports indexed so far.</summary>
    public int Count { get; private set; }

    /// <summary>How many indexed reports await review (<see cref="ReportEntry.AwaitingReview"/>).</summary>
    public int AwaitingReview { get; private set; }

    /// <summary>The latest receipt time of any indexed report, rejected ones included; null when empty.</summary>
    public DateTimeOffset? LatestReceived { get; private set; }

    /// <summary>The effective series: equal to <see cref="ReportSeries.Effective"/> of the indexed reports.</summary>
    public ImmutableArray<ReportEntry> Counted => _counted;

    /// <summary>The effective series of the reports not awaiting review: equal to <see cref="ReportSeries.Effective"/>
    /// of the indexed reports whose <see cref="ReportEntry.AwaitingReview"/> is false.</summary>
    public ImmutableArray<ReportEntry> Trusted => _trusted;

    /// <summary>Indexes <paramref name="reports"/> in list order.</summary>
    public static SeriesIndex Of(IEnumerable<ReportEntry> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        // A whole history at once (activation, a mark changed): by date in a tree, then one array per series.
        var index = new SeriesIndex();
        var counted = new SortedDictionary<DateOnly, ReportEntry>();
        var trusted = new SortedDictionary<DateOnly, ReportEntry>();
        foreach (var report in reports)
        {
            if (!index.Tally(report)) continue;
            Takes(counted, report);
            if (!report.AwaitingReview) Takes(trusted, report);
        }
        index._counted = [.. counted.Values];
        index._trusted = [.. trusted.Values];
        return index;
    }

    /// <summary>An independent copy (O(1): the series are immutable): what a decision changes before its commit leaves
    /// the original as it was.</summary>
    public SeriesIndex Copy() => new()
    {
        Count = Count,
        AwaitingReview = AwaitingReview,
        LatestReceived = LatestReceived,
        _counted = _counted,
        _trusted = _trusted,
    };

    /// <summary>Adds a report placed after every indexed one.</summary>
    public void Add(ReportEntry report)
    {
        if (!Tally(report)) return;
        _counted = Takes(_counted, report);
        if (!report.AwaitingReview) _trusted = Takes(_trusted, report);
    }

    /// <summary>Counts <paramref name="report"/>; false when it is sent back (it counts in no series).</summary>
    private bool Tally(ReportEntry report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Count++;
        if (report.AwaitingReview) AwaitingReview++;
        if (LatestReceived is not { } latest || report.ReceivedAt > latest) LatestReceived = report.ReceivedAt;
        return !report.Rejected;
    }

    /// <summary>The rule of <see cref="ReportSeries"/>: the later of two reports for a date counts unless it was received
    /// before the one held.</summary>
    private static void Takes(SortedDictionary<DateOnly, ReportEntry> byDate, ReportEntry report)
    {
        if (byDate.TryGetValue(report.AsOf, out var held) && report.ReceivedAt < held.ReceivedAt) return;
        byDate[report.AsOf] = report;
    }

    /// <summary><see cref="Takes(SortedDictionary{DateOnly, ReportEntry}, ReportEntry)"/> on a series in date order:
    /// the series with <paramref name="report"/> in its date's place, or the same series when it does not count.</summary>
    private static ImmutableArray<ReportEntry> Takes(ImmutableArray<ReportEntry> series, ReportEntry report)
    {
        // Reports mostly arrive for the newest date or one after it: look there first, else search.
        var at = series.Length > 0 && series[^1].AsOf < report.AsOf ? ~series.Length : Find(series, report.AsOf);
        if (at < 0) return series.Insert(~at, report);
        return report.ReceivedAt < series[at].ReceivedAt ? series : series.SetItem(at, report);
    }

    /// <summary>The position of <paramref name="asOf"/> in <paramref name="series"/>, or the complement of where it
    /// would be inserted.</summary>
    private static int Find(ImmutableArray<ReportEntry> series, DateOnly asOf)
    {
        var (low, high) = (0, series.Length - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var date = series[middle].AsOf;
            if (date == asOf) return middle;
            if (date < asOf) low = middle + 1;
            else high = middle - 1;
        }
        return ~low;
    }
}
