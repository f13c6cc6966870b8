using System.Globalization;
using System.Text.RegularExpressions;

namespace KejiLive.Domain.Calendar;

/// <summary>What is wrong with a date someone typed, in words: a well-formed date that is not in the calendar
/// (2025-02-30) is told so, not told its format is wrong.</summary>
public static partial class DateInput
{
    /// <summary>The problem with <paramref name="text"/> as a date written year, month, day (2025-02-30, 2025/2/30,
    /// 2025年2月30日): "2025-02-30 这一天不存在（2025年2月只有28天）" when the parts are numbers but no such day exists,
    /// else the format asked for (<paramref name="format"/>, with an example).</summary>
    public static string Problem(string text, string format = "yyyy-MM-dd 格式的日期，例如 2025-06-30")
    {
        var m = Shape().Match(text.Trim());
        if (!m.Success) return $"须为 {format}";
        var year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        if (year < 1) return $"须为 {format}";
        if (month is < 1 or > 12) return $"{text.Trim()} 这一天不存在（月份须为 1—12）";
        var days = DateTime.DaysInMonth(year, month);
        return day < 1 || day > days ? $"{text.Trim()} 这一天不存在（{year}年{month}月只有{days}天）" : $"须为 {format}";
    }

    /// <summary>Reads <paramref name="text"/> as <c>yyyy-MM-dd</c> (a real day); when it is not one, <paramref name="problem"/>
    /// is the field's message as every endpoint words it: "asOf 2025-02-30 这一天不存在（2025年2月只有28天）。" or
    /// "asOf 须为 yyyy-MM-dd 格式的日期，例如 2025-06-30。" (<paramref name="field"/> first, then <see cref="Problem"/>).</summary>
    public static bool TryReadIso(string text, string field, out DateOnly date, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problem = null;
            return true;
        }
        problem = FieldProblem(field, text);
        return false;
    }

    /// <summary>The message for a date field that could not be read: "<paramref name="field"/> " + <see cref="Problem"/> + "。".</summary>
    public static string FieldProblem(string field, string text) => $"{field} {Problem(text)}。";

    [GeneratedRegex(@"^([0-9]{4})(?:-|/|\.|年)([0-9]{1,2})(?:-|/|\.|月)([0-9]{1,2})日?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
