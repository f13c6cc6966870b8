using System.Globalization;
using System.Text.Json;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Progress;

namespace KejiLive.Dashboard.Ingest;

/// <summary>Reads report objects strictly: every field with the right JSON type, no unknown fields (a misspelt
/// "vaule" is an error, not a silently missing value). Field names in errors carry the item's index in a batch.</summary>
public static class ReportJson
{
    private static readonly HashSet<string> Known = ["reportId", "target", "unit", "asOf", "value", "numerator", "denominator", "note", "correction"];

    public static ReportDraft Read(JsonElement item, string prefix, List<FieldError> errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(prefix.Length == 0 ? "$" : prefix.TrimEnd('.'), "每份报送必须是 JSON 对象。"));
            return new ReportDraft(null, null, null, null, null, null, null, null, false);
        }
        foreach (var property in item.EnumerateObject())
        {
            if (!Known.Contains(property.Name))
            {
                errors.Add(new FieldError(prefix + property.Name, $"未知字段 {property.Name}；允许的字段：{string.Join(", ", Known)}。"));
            }
        }
        return new ReportDraft(
            String(item, "reportId", prefix, errors),
            String(item, "target", prefix, errors),
            String(item, "unit", prefix, errors),
            Date(item, "asOf", prefix, errors),
            Number(item, "value", prefix, errors),
            Number(item, "numerator", prefix, errors),
            Number(item, "denominator", prefix, errors),
            String(item, "note", prefix, errors),
            Bool(item, "correction", prefix, errors) ?? false);
    }

    private static string? String(JsonElement item, string name, string prefix, List<FieldError> errors)
    {
        if (!item.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null) return null;
        if (p.ValueKind == JsonValueKind.String)
        {
            var text = JsonText.Read(p, name, out var invalid);
            if (invalid is not null) errors.Add(new FieldError(prefix + name, invalid));
            return text;
        }
        errors.Add(new FieldError(prefix + name, $"{name} 必须是字符串。"));
        return null;
    }

    private static double? Number(JsonElement item, string name, string prefix, List<FieldError> errors)
    {
        if (!item.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null) return null;
        if (p.ValueKind == JsonValueKind.Number && p.TryGetDouble(out var d) && double.IsFinite(d)) return d;
        errors.Add(new FieldError(prefix + name, $"{name} 必须是有限的数字（不接受字符串、NaN 或 Infinity）。"));
        return null;
    }

    private static bool? Bool(JsonElement item, string name, string prefix, List<FieldError> errors)
    {
        if (!item.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null) return null;
        if (p.ValueKind is JsonValueKind.True or JsonValueKind.False) return p.GetBoolean();
        errors.Add(new FieldError(prefix + name, $"{name} 必须是 true 或 false。"));
        return null;
    }

    private static DateOnly? Date(JsonElement item, string name, string prefix, List<FieldError> errors)
    {
        if (!item.TryGetProperty(name, out var p) || p.ValueKind == JsonValueKind.Null) return null;
        string? unreadable = null;
        var text = p.ValueKind == JsonValueKind.String ? JsonText.Read(p, name, out unreadable) : null;
        if (text is not null
            && (IsoDate(text) is { } quick || DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out quick)))
        {
            return quick;
        }
        errors.Add(new FieldError(prefix + name, unreadable ?? DateInput.FieldProblem(name, text ?? "")));
        return null;
    }

    /// <summary>The common case of <c>yyyy-MM-dd</c> without the general date parser: ASCII digits, a real day. Anything
    /// else is left to <see cref="DateOnly.TryParseExact(string, string, IFormatProvider, DateTimeStyles, out DateOnly)"/>.</summary>
    private static DateOnly? IsoDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-') return null;
        var year = Digits(text, 0, 4);
        var month = Digits(text, 5, 2);
        var day = Digits(text, 8, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return null;
        return new DateOnly(year, month, day);
    }

    /// <summary>The number written by <paramref name="count"/> ASCII digits at <paramref name="start"/>, or -1.</summary>
    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i])) return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    }
}
