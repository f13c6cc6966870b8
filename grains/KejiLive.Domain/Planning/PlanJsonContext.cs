using System.Globalization;
using System.Text.Json;

namespace KejiLive.Domain.Planning;

/// <summary>Reads typed fields from a plan file's JSON and collects every error with the file, the current target and
/// the JSON path (e.g. <c>targets[3].split[2].target</c>). Readers return null when a field is missing or wrong, after
/// recording why; the loader keeps going so that one run lists every problem.</summary>
internal sealed class PlanJsonContext(string file)
{
    public string File { get; } = file;

    public List<PlanError> Errors { get; } = [];

    /// <summary>The id of the target being read (null outside targets); attached to every error.</summary>
    public string? Target { get; set; }

    public void Error(string path, string message) => Errors.Add(new PlanError(File, Target, path, message));

    public static string Join(string parent, string name) => parent.Length == 0 ? name : parent + "." + name;

    public static string Index(string parent, int i) => $"{parent}[{i}]";

    public static string Num(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>The property, or null when absent or JSON null.</summary>
    public static JsonElement? Prop(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public bool Has(JsonElement obj, string name) => Prop(obj, name) is not null;

    private JsonElement? Required(JsonElement obj, string name, string path, bool required)
    {
        var v = Prop(obj, name);
        if (v is null && required) Error(path, $"missing required field '{name}'");
        return v;
    }

    public string? String(JsonElement obj, string name, string parent, bool required = true)
    {
        var path = Join(parent, name);
        if (Required(obj, name, path, required) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.String) { Error(path, $"'{name}' must be a string"); return null; }
        var s = v.GetString()!;
        if (required && string.IsNullOrWhiteSpace(s)) { Error(path, $"'{name}' must not be empty"); return null; }
        return s;
    }

    public double? Number(JsonElement obj, string name, string parent, bool required = true)
    {
        var path = Join(parent, name);
        if (Required(obj, name, path, required) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d))
        {
            Error(path, $"'{name}' must be a number");
            return null;
        }
        return d;
    }

    public int? Integer(JsonElement obj, string name, string parent, bool required = true)
    {
        var d = Number(obj, name, parent, required);
        if (d is null) return null;
        if (d != Math.Floor(d.Value) || Math.Abs(d.Value) > int.MaxValue)
        {
            Error(Join(parent, name), $"'{name}' must be a whole number, not {Num(d.Value)}");
            return null;
        }
        return (int)d.Value;
    }

    public bool? Bool(JsonElement obj, string name, string parent)
    {
        var path = Join(parent, name);
        if (Prop(obj, name) is not { } v) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        Error(path, $"'{name}' must be true or false");
        return null;
    }

    public DateOnly? Date(JsonElement obj, string name, string parent, bool required = true)
    {
        var s = String(obj, name, parent, required);
        if (s is null) return null;
        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        Error(Join(parent, name), $"'{name}' must be a date written yyyy-MM-dd, not '{s}'");
        return null;
    }

    /// <summary>A date that must fall in <paramref name="year"/> (when the year is known).</summary>
    public DateOnly? DateIn(JsonElement obj, string name, string parent, int? year)
    {
        var d = Date(obj, name, parent);
        if (d is { } v && year is { } y && v.Year != y)
        {
            Error(Join(parent, name), $"date {v:yyyy-MM-dd} is outside the year {y}");
        }
        return d;
    }

    /// <summary>The elements of an array field with their paths, or null when missing (error if required) or not an array.</summary>
    public List<(JsonElement Element, string Path)>? Array(JsonElement obj, string name, string parent, bool required = true)
    {
        var path = Join(parent, name);
        if (Required(obj, name, path, required) is not { } v) return null;
        if (v.ValueKind != JsonValueKind.Array) { Error(path, $"'{name}' must be an array"); return null; }
        var list = new List<(JsonElement, string)>();
        var i = 0;
        foreach (var e in v.EnumerateArray())
        {
            var p = Index(path, i++);
            if (e.ValueKind != JsonValueKind.Object) { Error(p, "each entry must be an object"); continue; }
            list.Add((e, p));
        }
        return list;
    }

    /// <summary>An object field, or null when missing (error if required) or not an object.</summary>
    public JsonElement? Object(JsonElement obj, string name, string parent, bool required = true)
    {
        var path = Join(parent, name);
        if (Required(obj, name, path, required) is not { } v) return null;
        if (v.ValueKind == JsonValueKind.Object) return v;
        Error(path, $"'{name}' must be an object");
        return null;
    }

    /// <summary>A camelCase enum value; unknown values are reported with the allowed list.</summary>
    public TEnum? Enum<TEnum>(JsonElement obj, string name, string parent, bool required = true)
        where TEnum : struct, System.Enum
    {
        var s = String(obj, name, parent, required);
        if (s is null) return null;
        foreach (var value in System.Enum.GetValues<TEnum>())
        {
            if (string.Equals(CamelCase(value.ToString()), s, StringComparison.Ordinal)) return value;
        }
        var allowed = string.Join(", ", System.Enum.GetValues<TEnum>().Select(v => CamelCase(v.ToString())));
        Error(Join(parent, name), $"unknown {name} '{s}'; allowed: {allowed}");
        return null;
    }

    public static string CamelCase(string s) => s.Length == 0 ? s : char.ToLowerInvariant(s[0]) + s[1..];
}
