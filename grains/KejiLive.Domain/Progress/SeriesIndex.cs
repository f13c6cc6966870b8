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
/// same report per date), while adding a report costs O(log d) for d dates instead of re-reading every report: a unit
/// that sends the same month's figure many times, or corrects it often, no longer makes each new report slower.</para>
/// <para>Built for the reports in list order and <see cref="Add"/>ed to only at the end of the list. A change of a
/// mark on an earlier report (settled, confirmed, sent back) is not incremental: build the index again with
/// <see cref="Of"/>. <see cref="LatestReceived"/> lets a caller see when a report was received after the instant it
/// judges (a clock restarted behind), where only the whole history with its receipt filter gives the right answer.</para>
/// </remarks>
public sealed class SeriesIndex
{
    private readonly SortedDictionary<DateOnly, ReportEntry> _counted;
    private readonly SortedDictionary<DateOnly, ReportEntry> _trusted;
    private ImmutableArray<ReportEntry>? _countedList;
    private ImmutableArray<ReportEntry>? _trustedList;

    private SeriesIndex(SortedDictionary<DateOnly, ReportEntry> counted, SortedDictionary<DateOnly, ReportEntry> trusted)
    {
        _counted = counted;
        _trusted = trusted;
    }

    /// <summary>The reports indexed so far.</summary>
    public int Count { get; private set; }

    /// <summary>How many indexed reports await review (<see cref="ReportEntry.AwaitingReview"/>).</summary>
    public int AwaitingReview { get; private set; }

    /// <summary>The latest receipt time of any indexed report, rejected ones included; null when empty.</summary>
    public DateTimeOffset? LatestReceived { get; private set; }

    /// <summary>The effective series: equal to <see cref="ReportSeries.Effective"/> of the indexed reports.</summary>
    public ImmutableArray<ReportEntry> Counted => _countedList ??= [.. _counted.Values];

    /// <summary>The effective series of the reports not awaiting review: equal to <see cref="ReportSeries.Effective"/>
    /// of the indexed reports whose <see cref="ReportEntry.AwaitingReview"/> is false.</summary>
    public ImmutableArray<ReportEntry> Trusted => _trustedList ??= [.. _trusted.Values];

    /// <summary>Indexes <paramref name="reports"/> in list order.</summary>
    public static SeriesIndex Of(IEnumerable<ReportEntry> reports)
    {
        var index = new SeriesIndex(new(), new());
        foreach (var report in reports) index.Add(report);
        return index;
    }

    /// <summary>An independent copy (O(d)): what a decision changes before its commit leaves the original as it was.</summary>
    public SeriesIndex Copy() => new(new(_counted), new(_trusted))
    {
        Count = Count,
        AwaitingReview = AwaitingReview,
        LatestReceived = LatestReceived,
        _countedList = _countedList,
        _trustedList = _trustedList,
    };

    /// <summary>Adds a report placed after every indexed one.</summary>
    public void Add(ReportEntry report)
    {
        ArgumentNullException.ThrowIfNull(report);
        Count++;
        if (report.AwaitingReview) AwaitingReview++;
        if (LatestReceived is not { } latest || report.ReceivedAt > latest) LatestReceived = report.ReceivedAt;
        if (report.Rejected) return;
        if (Takes(_counted, report)) _countedList = null;
        if (!report.AwaitingReview && Takes(_trusted, report)) _trustedList = null;
    }

    /// <summary>The rule of <see cref="ReportSeries"/>: the later of two reports for a date counts unless it was received
    /// before the one held.</summary>
    private static bool Takes(SortedDictionary<DateOnly, ReportEntry> byDate, ReportEntry report)
    {
        if (byDate.TryGetValue(report.AsOf, out var held) && report.ReceivedAt < held.ReceivedAt) return false;
        byDate[report.AsOf] = report;
        return true;
    }
}
