using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;

namespace KejiLive.Domain.Calendar;

/// <summary>Working days of one year from a holiday file (holidays are data per year: a new year is a new file):
/// <c>{"year":2025,"source":"…","holidays":[{"name":"春节","from":"2025-01-28","to":"2025-02-04"}],
/// "workdays":[{"name":"春节调休","date":"2025-01-26"}]}</c>. Saturdays and Sundays are off unless listed as
/// workdays; holidays are off. Dates outside the file's year follow the weekend rule only.</summary>
public sealed class HolidayCalendar
{
    private readonly HashSet<DateOnly> _off = [];
    private readonly HashSet<DateOnly> _on = [];

    private HolidayCalendar(int year, string source, ImmutableArray<HolidayPeriod> holidays, ImmutableArray<AdjustedWorkday> workdays)
    {
        Year = year;
        Source = source;
        Holidays = holidays;
        Workdays = workdays;
        foreach (var h in holidays)
        {
            for (var d = h.From; d <= h.To; d = d.AddDays(1)) _off.Add(d);
        }
        foreach (var w in workdays) _on.Add(w.Date);
    }

    public int Year { get; }

    public string Source { get; }

    public ImmutableArray<HolidayPeriod> Holidays { get; }

    public ImmutableArray<AdjustedWorkday> Workdays { get; }

    /// <summary>A calendar with no holidays: Monday to Friday are working days.</summary>
    public static HolidayCalendar WeekdaysOnly(int year) => new(year, "", [], []);

    public static HolidayCalendar LoadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Parses a holiday file; throws <see cref="HolidayFileException"/> listing every error.</summary>
    public static HolidayCalendar Parse(string json, string fileName)
    {
        var errors = new List<string>();
        void Error(string field, string message) => errors.Add($"{fileName}: {field}: {message}");
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw new HolidayFileException([$"{fileName}: $: malformed JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message}"]);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new HolidayFileException([$"{fileName}: $: the file must be a JSON object"]);
            int? year = root.TryGetProperty("year", out var y) && y.ValueKind == JsonValueKind.Number && y.TryGetInt32(out var yi) && yi is >= 2000 and <= 2100 ? yi : null;
            if (year is null) Error("year", "missing or invalid 'year' (a whole number 2000–2100)");
            var source = root.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";

            DateOnly? ReadDate(JsonElement e, string name, string path)
            {
                if (!e.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.String)
                {
                    Error($"{path}.{name}", $"missing '{name}' (a date yyyy-MM-dd)");
                    return null;
                }
                if (!DateOnly.TryParseExact(v.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                {
                    Error($"{path}.{name}", $"'{v.GetString()}' is not a date yyyy-MM-dd");
                    return null;
                }
                if (year is { } yr && d.Year != yr) Error($"{path}.{name}", $"{d:yyyy-MM-dd} is outside the year {yr}");
                return d;
            }

            string Name(JsonElement e, string path)
            {
                if (e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(n.GetString())) return n.GetString()!;
                Error($"{path}.name", "missing 'name'");
                return "";
            }

            var holidays = new List<HolidayPeriod>();
            foreach (var (e, path) in Entries(root, "holidays", Error))
            {
                var name = Name(e, path);
                var from = ReadDate(e, "from", path);
                var to = ReadDate(e, "to", path);
                if (from is null || to is null) continue;
                if (to < from) { Error($"{path}.to", $"'to' ({to:yyyy-MM-dd}) is before 'from' ({from:yyyy-MM-dd})"); continue; }
                holidays.Add(new HolidayPeriod(name, from.Value, to.Value));
            }
            var workdays = new List<AdjustedWorkday>();
            foreach (var (e, path) in Entries(root, "workdays", Error))
            {
                var name = Name(e, path);
                if (ReadDate(e, "date", path) is not { } d) continue;
                if (holidays.Any(h => d >= h.From && d <= h.To)) Error($"{path}.date", $"{d:yyyy-MM-dd} is also inside a holiday");
                workdays.Add(new AdjustedWorkday(name, d));
            }
            if (errors.Count > 0) throw new HolidayFileException([.. errors]);
            return new HolidayCalendar(year!.Value, source, [.. holidays], [.. workdays]);
        }
    }

    private static List<(JsonElement, string)> Entries(JsonElement root, string name, Action<string, string> error)
    {
        var list = new List<(JsonElement, string)>();
        if (!root.TryGetProperty(name, out var arr) || arr.ValueKind == JsonValueKind.Null) return list;
        if (arr.ValueKind != JsonValueKind.Array) { error(name, $"'{name}' must be an array"); return list; }
        var i = 0;
        foreach (var e in arr.EnumerateArray())
        {
            var path = $"{name}[{i++}]";
            if (e.ValueKind == JsonValueKind.Object) list.Add((e, path));
            else error(path, "each entry must be an object");
        }
        return list;
    }

    /// <summary>True on a working day: a listed adjusted workday, or a Monday–Friday that is not a holiday.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (_on.Contains(date)) return true;
        if (_off.Contains(date)) return false;
        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The date <paramref name="days"/> working days after <paramref name="date"/> (before it when negative;
    /// the date itself when 0). The start date is not counted, so adding 1 on a Friday gives the next working day.</summary>
    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        var step = days >= 0 ? 1 : -1;
        var left = Math.Abs(days);
        var d = date;
        while (left > 0)
        {
            d = d.AddDays(step);
            if (IsWorkingDay(d)) left--;
        }
        return d;
    }
}
