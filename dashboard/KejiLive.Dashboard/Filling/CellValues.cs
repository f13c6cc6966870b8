using System.Globalization;
using System.Text;
using KejiLive.Domain.Calendar;

namespace KejiLive.Dashboard.Filling;

/// <summary>Reads typed values out of spreadsheet cells as units type them: numbers typed as text ("1,200", full-width
/// digits) are numbers; dates may be text or real dates; 是/否 for yes/no. Each reader answers the value or a Chinese
/// message saying what the cell must hold.</summary>
public static class CellValues
{
    /// <summary>The cell as text: trimmed, a formula-guard apostrophe taken off, null when empty.</summary>
    public static string? Text(object? cell) => cell switch
    {
        null => null,
        string s => s.Trim() is { Length: > 0 } t ? SafeText.Unwrap(t) : null,
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString()?.Trim() is { Length: > 0 } o ? o : null,
    };

    public static bool IsEmpty(object? cell) => Text(cell) is null;

    /// <summary>A finite, non-negative number, or null when the cell is empty.</summary>
    public static (double? Value, string? Error) NonNegative(object? cell)
    {
        double value;
        switch (cell)
        {
            case null:
                return (null, null);
            case double d:
                value = d;
                break;
            case int or long or decimal or float:
                value = Convert.ToDouble(cell, CultureInfo.InvariantCulture);
                break;
            case string s:
                var text = s.Normalize(NormalizationForm.FormKC).Trim().Replace(",", "", StringComparison.Ordinal);
                if (text.Length == 0) return (null, null);
                if (!double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
                {
                    return (null, $"须为非负数字（收到“{Shorten(s)}”）");
                }
                break;
            default:
                return (null, $"须为非负数字（收到“{Shorten(Text(cell) ?? "")}”）");
        }
        if (!double.IsFinite(value) || value < 0) return (null, $"须为非负数字（收到 {value.ToString(CultureInfo.InvariantCulture)}）");
        return (value, null);
    }

    /// <summary>是 (also Y, YES, TRUE, 1, 对) → true; empty, 否 (N, NO, FALSE, 0) → false.</summary>
    public static (bool Value, string? Error) YesNo(object? cell)
    {
        if (cell is bool b) return (b, null);
        if (cell is double d && (d == 0 || d == 1)) return (d == 1, null);
        var text = Text(cell)?.ToUpperInvariant();
        return text switch
        {
            null or "否" or "N" or "NO" or "FALSE" or "0" => (false, null),
            "是" or "Y" or "YES" or "TRUE" or "1" or "对" => (true, null),
            _ => (false, $"须填“是”或留空（收到“{Shorten(Text(cell)!)}”）"),
        };
    }

    /// <summary>A date typed as yyyy-MM-dd (or yyyy/M/d, 2025年6月30日) or entered as a real date.</summary>
    public static (DateOnly? Value, string? Error) Date(object? cell)
    {
        switch (cell)
        {
            case null:
                return (null, "缺少日期");
            case DateTime t:
                return (DateOnly.FromDateTime(t), null);
            case double d when d is > 1 and < 2958466:
                return (DateOnly.FromDateTime(DateTime.FromOADate(d)), null);
        }
        var text = Text(cell);
        if (text is null) return (null, "缺少日期");
        string[] formats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy年M月d日", "yyyy.M.d"];
        if (DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return (date, null);
        // 2025-02-30 is told it does not exist; anything else what format to use and what was found.
        var problem = DateInput.Problem(Shorten(text));
        return (null, problem.StartsWith("须为", StringComparison.Ordinal) ? $"{problem}（收到“{Shorten(text)}”）" : problem);
    }

    private static string Shorten(string s) => s.Length <= 30 ? s : s[..30] + "…";
}
