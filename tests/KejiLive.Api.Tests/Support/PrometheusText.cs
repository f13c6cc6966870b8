using System.Globalization;
using System.Text.RegularExpressions;

namespace KejiLive.Api.Tests.Support;

/// <summary>Reads samples out of a Prometheus text exposition (what /metrics answers).</summary>
public static partial class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static IReadOnlyList<Sample> Parse(string text) =>
        [.. text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(ParseLine).OfType<Sample>()];

    /// <summary>The samples of <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public static IEnumerable<Sample> Find(this IReadOnlyList<Sample> samples, string name, params (string Key, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

    /// <summary>The single sample's value; 0 when the series is absent (a counter not yet incremented).</summary>
    public static double Value(this IReadOnlyList<Sample> samples, string name, params (string Key, string Value)[] labels)
    {
        var found = samples.Find(name, labels).ToList();
        Assert.True(found.Count <= 1, $"{found.Count} series of {name} match {string.Join(", ", labels)}");
        return found.Count == 0 ? 0 : found[0].Value;
    }

    private static Sample? ParseLine(string line)
    {
        var match = LineRegex().Match(line);
        if (!match.Success) return null;
        var labels = LabelRegex().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => Regex.Unescape(m.Groups[2].Value));
        return new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex LineRegex();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelRegex();
}
