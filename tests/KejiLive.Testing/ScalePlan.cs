using System.Globalization;
using System.Text;

namespace KejiLive.Testing;

/// <summary>A deterministic plan of any number of county-level units (issue 13: national scale is ~2,850), for tests and
/// measurements at scale: main count targets (two by default, 16 like the real plan's main targets for the benchmark)
/// split over every unit (shares 1–20 from <c>seed</c>, summing to the city target) and the city office. Unit ids are
/// <c>u0001</c>, <c>u0002</c>, …; target ids <see cref="TargetId"/>.</summary>
public static class ScalePlan
{
    /// <summary>The ids of the two split targets.</summary>
    public static readonly string[] Targets = ["hi-tech", "talent-teams"];

    /// <summary>The id of target number <paramref name="t"/> (0-based): <see cref="Targets"/>, then <c>scale-03</c>, ….</summary>
    public static string TargetId(int t) => t < Targets.Length ? Targets[t] : "scale-" + (t + 1).ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The id of unit number <paramref name="i"/> (1-based).</summary>
    public static string Unit(int i) => "u" + i.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The plan file's text (JSON) for <paramref name="units"/> units.</summary>
    public static string Json(int units, int seed = 2025, int targets = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(targets, 1);
        var rng = new Random(seed);
        var sb = new StringBuilder();
        sb.Append("""{ "id": "scale-2025", "year": 2025, "city": "示例市", "title": "规模测试计划", "source": "tests", "sampleSplit": true, "graceDays": 5, "units": [""");
        for (var i = 1; i <= units; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $$"""{ "id": "{{Unit(i)}}", "name": "第{{i}}县", "kind": "county", "office": "第{{i}}县科技局" },""");
        }
        sb.Append("""{ "id": "city", "name": "市本级", "kind": "city", "office": "市科学技术局" } ], "targets": [""");
        for (var t = 0; t < targets; t++)
        {
            var shares = Enumerable.Range(1, units).Select(_ => rng.Next(1, 21)).ToArray();
            sb.Append(CultureInfo.InvariantCulture, $$"""
                { "id": "{{TargetId(t)}}", "name": "规模目标{{t + 1}}", "group": "main", "section": "一", "measure": "个", "kind": "count",
                  "department": "科", "leader": "副局长", "reportingCycle": "monthly", "cityTarget": {{shares.Sum()}},
                  "curve": { "kind": "linear" }, "split": [
                """);
            sb.AppendJoin(',', shares.Select((s, i) => string.Create(CultureInfo.InvariantCulture, $$"""{ "unit": "{{Unit(i + 1)}}", "target": {{s}} }""")));
            sb.Append("] }");
            if (t < targets - 1) sb.Append(',');
        }
        sb.Append("] }");
        return sb.ToString();
    }

    /// <summary>The share of unit number <paramref name="i"/> (1-based) in target number <paramref name="target"/>, as
    /// <see cref="Json"/> generates it.</summary>
    public static int Share(int units, int target, int i, int seed = 2025)
    {
        var rng = new Random(seed);
        var value = 0;
        for (var t = 0; t <= target; t++)
        {
            for (var u = 1; u <= units; u++)
            {
                var s = rng.Next(1, 21);
                if (t == target && u == i) value = s;
            }
        }
        return value;
    }
}
