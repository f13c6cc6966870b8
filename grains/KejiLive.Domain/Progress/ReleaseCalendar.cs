using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>统计口径的发布日历: when the figure of a reporting period can exist at all. A step of the plan curve counts only
/// once the figure for its date can have been released; before that the step is not judged.</summary>
/// <remarks>Weekly figures on the third day after the week; monthly figures on the 10th of the next month; quarterly
/// statistics mid next month (the 15th, 季度统计数据次月中旬发布); annual figures on 31 January of the next year.</remarks>
public static class ReleaseCalendar
{
    /// <summary>The day the figure of the period ending on <paramref name="periodEnd"/> is released.</summary>
    public static DateOnly ReleaseOf(ReportingCycle cycle, DateOnly periodEnd) => cycle switch
    {
        ReportingCycle.Weekly => periodEnd.AddDays(3),
        ReportingCycle.Monthly => NextMonth(periodEnd, 10),
        ReportingCycle.Quarterly => NextMonth(periodEnd, 15),
        ReportingCycle.Annual => new DateOnly(periodEnd.Year + 1, 1, 31),
        _ => throw new ArgumentOutOfRangeException(nameof(cycle), cycle, "unknown reporting cycle"),
    };

    /// <summary>The end of the reporting period that contains <paramref name="d"/> (week ends counted from 1 January).</summary>
    public static DateOnly PeriodEndOf(ReportingCycle cycle, DateOnly d) => cycle switch
    {
        ReportingCycle.Weekly => Min(new DateOnly(d.Year, 1, 1).AddDays((((d.DayOfYear - 1) / 7) * 7) + 6), new DateOnly(d.Year, 12, 31)),
        ReportingCycle.Monthly => new DateOnly(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month)),
        ReportingCycle.Quarterly => QuarterEnd(d.Year, ((d.Month - 1) / 3) + 1),
        ReportingCycle.Annual => new DateOnly(d.Year, 12, 31),
        _ => throw new ArgumentOutOfRangeException(nameof(cycle), cycle, "unknown reporting cycle"),
    };

    /// <summary>The latest date whose figure can be known on <paramref name="date"/>: the end of the newest reporting
    /// period released on or before it; 31 December of the previous year when none is.</summary>
    public static DateOnly KnowableOn(ReportingCycle cycle, DateOnly date)
    {
        var end = PeriodEndOf(cycle, date);
        // Walk back period by period (at most a few steps: a release is never more than a month and a half late).
        while (end.Year >= date.Year)
        {
            if (ReleaseOf(cycle, end) <= date) return end;
            end = PreviousPeriodEnd(cycle, end);
        }
        return new DateOnly(date.Year - 1, 12, 31);
    }

    /// <summary>未报送 by the calendar: the end of the newest reporting period whose figure is overdue on
    /// <paramref name="date"/> — released, and the plan's <paramref name="graceDays"/> after its release passed
    /// (<c>release + grace &lt; date</c>; September's figure, released on 10 October, is overdue from 16 October with 5
    /// grace days, never on 6 October); 31 December of the previous year when none is.</summary>
    public static DateOnly OverdueOn(ReportingCycle cycle, DateOnly date, int graceDays) =>
        KnowableOn(cycle, date.AddDays(-graceDays - 1));

    /// <summary>The last day a figure dated <paramref name="d"/> can arrive without being overdue: the release date of
    /// the period it falls in plus <paramref name="graceDays"/> (a milestone due 30 June on a monthly target: 15 July).</summary>
    public static DateOnly ReportDeadline(ReportingCycle cycle, DateOnly d, int graceDays) =>
        ReleaseOf(cycle, PeriodEndOf(cycle, d)).AddDays(graceDays);

    /// <summary>How many figures after <paramref name="reportedAsOf"/> (null: none this year, counted from 31 December of
    /// the previous year) are overdue on <paramref name="date"/> (<see cref="OverdueOn"/>): the period ends after the
    /// figure's own date up to the newest overdue one. 0: not 未报送.</summary>
    public static int OverdueFigures(ReportingCycle cycle, DateOnly? reportedAsOf, DateOnly date, int graceDays)
    {
        var last = reportedAsOf ?? new DateOnly(date.Year - 1, 12, 31);
        var n = 0;
        // Only this year's figures count (a period ending in the previous year belongs to last year's plan).
        for (var end = OverdueOn(cycle, date, graceDays); end > last && end.Year == date.Year; end = PreviousPeriodEnd(cycle, end)) n++;
        return n;
    }

    /// <summary>The end of the period before the one ending on <paramref name="end"/>.</summary>
    public static DateOnly PreviousPeriodEnd(ReportingCycle cycle, DateOnly end) => PeriodEndOf(cycle, PeriodStart(cycle, end).AddDays(-1));

    /// <summary>"第三季度数据10月中旬发布" for quarters, "9月数据10月10日发布" otherwise.</summary>
    public static string Describe(ReportingCycle cycle, DateOnly periodEnd)
    {
        var release = ReleaseOf(cycle, periodEnd);
        return cycle switch
        {
            ReportingCycle.Quarterly => $"{QuarterName(periodEnd)}数据{release.Month}月中旬发布",
            ReportingCycle.Monthly => $"{periodEnd.Month}月数据{release.Month}月{release.Day}日发布",
            ReportingCycle.Annual => $"{periodEnd.Year}年数据次年{release.Month}月{release.Day}日发布",
            _ => $"截至{periodEnd.Month}月{periodEnd.Day}日的数据{release.Month}月{release.Day}日发布",
        };
    }

    private static string QuarterName(DateOnly d) => ((d.Month - 1) / 3) switch
    {
        0 => "第一季度",
        1 => "第二季度",
        2 => "第三季度",
        _ => "第四季度",
    };

    private static DateOnly PeriodStart(ReportingCycle cycle, DateOnly end) => cycle switch
    {
        ReportingCycle.Weekly => end.AddDays(-6) < new DateOnly(end.Year, 1, 1) ? new DateOnly(end.Year, 1, 1) : end.AddDays(-6),
        ReportingCycle.Monthly => new DateOnly(end.Year, end.Month, 1),
        ReportingCycle.Quarterly => new DateOnly(end.Year, ((end.Month - 1) / 3 * 3) + 1, 1),
        _ => new DateOnly(end.Year, 1, 1),
    };

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly QuarterEnd(int year, int quarter) =>
        new(year, quarter * 3, DateTime.DaysInMonth(year, quarter * 3));

    private static DateOnly NextMonth(DateOnly d, int day)
    {
        var first = new DateOnly(d.Year, d.Month, 1).AddMonths(1);
        return new DateOnly(first.Year, first.Month, day);
    }
}
