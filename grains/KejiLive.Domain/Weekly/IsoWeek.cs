using System.Globalization;
using System.Text.RegularExpressions;

namespace KejiLive.Domain.Weekly;

/// <summary>An ISO 8601 week (Monday–Sunday, Asia/Shanghai calendar), written <c>yyyy-Www</c>, e.g. <c>2025-W07</c>.
/// Week 1 is the week with the year's first Thursday, so 2025-W01 runs from Monday 2024-12-30 to Sunday 2025-01-05 and
/// 2025 has 52 weeks (2025-12-29 starts 2026-W01).</summary>
public readonly partial record struct IsoWeek
{
    private IsoWeek(int year, int week)
    {
        Year = year;
        Week = week;
    }

    /// <summary>The ISO week-numbering year (not always the calendar year of every day in the week).</summary>
    public int Year { get; }

    /// <summary>1–52, or 1–53 in a year with 53 ISO weeks.</summary>
    public int Week { get; }

    /// <summary>The week's Monday.</summary>
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    /// <summary>The week's Sunday.</summary>
    public DateOnly Sunday => Monday.AddDays(6);

    /// <summary>The week's days as the office writes them: 6月2日—6月8日 within one year; with the years when the week
    /// reaches into another year than its ISO year's (2024年12月30日—2025年1月5日 for 2025年第1周,
    /// 2025年12月29日—2026年1月4日 for 2026年第1周), so a reader never takes 12月 for the wrong year.</summary>
    public string DatesText => Monday.Year == Year && Sunday.Year == Year
        ? $"{Monday.Month}月{Monday.Day}日—{Sunday.Month}月{Sunday.Day}日"
        : $"{Monday.Year}年{Monday.Month}月{Monday.Day}日—{Sunday.Year}年{Sunday.Month}月{Sunday.Day}日";

    /// <summary>The week before this one.</summary>
    public IsoWeek Previous => Of(Monday.AddDays(-7));

    /// <summary>The week after this one.</summary>
    public IsoWeek Next => Of(Monday.AddDays(7));

    /// <summary>The ISO week a date falls in.</summary>
    public static IsoWeek Of(DateOnly date)
    {
        var dt = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(dt), ISOWeek.GetWeekOfYear(dt));
    }

    /// <summary>Builds a week; null when <paramref name="week"/> does not exist in <paramref name="year"/>.</summary>
    public static IsoWeek? Create(int year, int week) =>
        year is >= 1 and <= 9998 && week >= 1 && week <= ISOWeek.GetWeeksInYear(year) ? new IsoWeek(year, week) : null;

    /// <summary>Parses <c>yyyy-Www</c> strictly (four-digit year, upper-case W, two-digit week that exists in that year).</summary>
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (text is null) return false;
        var m = Pattern().Match(text);
        if (!m.Success) return false;
        var parsed = Create(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        if (parsed is not { } w) return false;
        week = w;
        return true;
    }

    /// <summary><c>yyyy-Www</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");

    /// <summary>The strict text form: ASCII digits only, nothing around it (not even a trailing newline).</summary>
    [GeneratedRegex(@"^([0-9]{4})-W([0-9]{2})\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
