using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Filling;
using KejiLive.Api.Tests.Support;

namespace KejiLive.Api.Tests;

// What the fuzz aims at (World), how it compares state (Snapshot) and what it sends (Generators): see FuzzTests.

/// <summary>What exists before the run: real-looking ids the generators aim at, and what to compare afterwards.</summary>
internal sealed record World(
    IReadOnlyList<(string Target, string Unit)> Pairs,
    IReadOnlyList<string> CountTargets,
    IReadOnlyList<string> ItemTargets,
    IReadOnlyList<string> AlertIds,
    IReadOnlyList<string> SilenceIds,
    IReadOnlyList<string> TokenIds,
    IReadOnlyList<(string Target, string Unit, string ReportId)> Reports,
    Workbook Template,
    byte[] TemplateBytes)
{
    public static async Task<World> ReadAsync(HttpClient client)
    {
        var plan = await client.GetJsonAsync("/api/plan");
        var pairs = new List<(string, string)>();
        var counts = new List<string>();
        foreach (var t in plan["targets"]!.AsArray())
        {
            var id = t!["id"]!.GetValue<string>();
            var units = t["split"]!.AsArray().Select(x => x!["unit"]!.GetValue<string>()).ToHashSet();
            foreach (var unit in FuzzTests.Units.Where(units.Contains)) pairs.Add((id, unit));
            if (t["kind"]!.GetValue<string>() == "count" && FuzzTests.Units.All(units.Contains)) counts.Add(id);
        }
        var reports = new List<(string, string, string)>();
        foreach (var (target, unit) in pairs)
        {
            var detail = await client.GetTargetUnitAsync(target, unit);
            reports.AddRange(detail["history"]!.AsArray().Select(h => (target, unit, h!["reportId"]!.GetValue<string>())));
        }
        var alerts = (await client.GetJsonAsync("/api/alerts")).AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
        var silences = (await client.GetJsonAsync("/api/silences")).AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
        var tokens = (await client.GetJsonAsync("/api/tokens")).AsArray().Select(a => a!["id"]!.GetValue<string>()).ToList();
        using var template = await client.GetAsync($"/api/units/{FuzzTests.UploadUnit}/template?asOf=2025-06-30");
        var bytes = await template.Content.ReadAsByteArrayAsync();
        var book = Workbook.Open(bytes);
        var itemTargets = book.Sheets["填报"].Select(r => (string)r["指标编号（勿改）"]!)
            .Where(id => pairs.Contains((id, FuzzTests.UploadUnit)) && counts.Contains(id)).ToList();
        return new World(pairs, counts, itemTargets, alerts, silences, tokens, reports, book, bytes);
    }
}

/// <summary>Everything a fuzzed request could have changed, as text.</summary>
internal sealed record Snapshot(Dictionary<string, string> Parts)
{
    public static async Task<Snapshot> TakeAsync(HttpClient client, World world)
    {
        var parts = new Dictionary<string, string>();
        foreach (var (target, unit) in world.Pairs)
        {
            var detail = await client.GetTargetUnitAsync(target, unit);
            parts[$"GET /api/targets/{target}/{unit}"] = new JsonObject
            {
                ["actual"] = detail["actual"]?.DeepClone(),
                ["reportedAsOf"] = detail["reportedAsOf"]?.DeepClone(),
                ["reportCount"] = detail["reportCount"]?.DeepClone(),
                ["history"] = detail["history"]?.DeepClone(),
            }.ToJsonString();
        }
        foreach (var target in world.ItemTargets)
        {
            using var items = await client.GetAsync($"/api/items/{target}/{FuzzTests.UploadUnit}");
            parts[$"GET /api/items/{target}/{FuzzTests.UploadUnit}"] = $"{(int)items.StatusCode} {await items.Content.ReadAsStringAsync()}";
        }
        foreach (var url in new[] { "/api/alerts", "/api/silences", "/api/tokens", "/api/reports/weekly", "/api/items/duplicates", "/api/reviews" })
        {
            parts["GET " + url] = (await client.GetJsonAsync(url)).ToJsonString();
        }
        var newest = (await client.GetJsonAsync("/api/audit?limit=1")).AsArray();
        parts["GET /api/audit?limit=1 (newest seq)"] = newest.Count == 0 ? "none" : newest[0]!["seq"]!.ToJsonString();
        return new Snapshot(parts);
    }
}

/// <summary>One request to send: method, path (segments already escaped), body bytes and content type.</summary>
internal sealed record FuzzRequest(string Method, string Path, byte[]? Body, string? ContentType, string Kind)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "(none)"
            : ContentType?.Contains("json", StringComparison.Ordinal) == true ? Escape(Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, 400)))
            : "base64:" + Convert.ToBase64String(Body, 0, Math.Min(Body.Length, 300));
        return $"{Method} {FuzzTests.Cut(Path, 300)} [{Kind}] content-type={ContentType ?? "-"} bytes={Body?.Length ?? 0} body={body}";
    }

    private static string Escape(string s) => string.Concat(s.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
}

/// <summary>The generators. Every body they make for a real id must be refused: random bytes and JSON that is not an
/// object, or a valid body with one field replaced by a value the route cannot accept.</summary>
internal sealed class Generators(Random random, World world)
{
    public Random Random { get; } = random;
    private int _n;

    private const string Json = "application/json";

    /// <summary>Strings to plant anywhere: markup, formulas, traversal, odd Unicode, control characters.</summary>
    private static readonly string[] Hostile =
    [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "+1+1", "-2+3",
        "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "....//....//", "/", ".", "..", " ",
        "\u0000", "a\u0000b", "\u0007\u001b[31m", "\r\n\r\nX-Injected: 1", "\ud800", "\udfff", "\ufeff", "\u202e\u0645",
        "😀👨‍👩‍👧", "ＡＢＣ１２３", "赣州市章贡区", "'; DROP TABLE grains;--", "\" OR 1=1 --", "${jndi:ldap://x/a}", "{{7*7}}",
        "null", "true", "[]", "{}", "NaN", "-0", "1e400", "",
    ];

    public FuzzRequest For(string route)
    {
        _n++;
        return route switch
        {
            "POST /api/reports" => Reports(),
            "POST /api/alerts/{id}/ack" => Ack(),
            "POST /api/alerts/{id}/close" => Close(),
            "POST /api/alerts/{id}/reopen" => Reopen(),
            "POST /api/silences" => Post("/api/silences", Mutated(SilenceBody(), SilenceBreakers)),
            "DELETE /api/silences/{id}" => new("DELETE", "/api/silences/" + Segment(FreshId(world.SilenceIds, "s")), MaybeBody(), Json, "random id"),
            "POST /api/tokens" => Post("/api/tokens", Mutated(TokenBody(), TokenBreakers)),
            "DELETE /api/tokens/{id}" => new("DELETE", "/api/tokens/" + Segment(FreshId(world.TokenIds, "")), MaybeBody(), Json, "random id"),
            "POST /api/session" => Post("/api/session", Mutated(new() { ["token"] = "\"" + KejiApiFactory.AdminToken + "\"" }, SessionBreakers)),
            "DELETE /api/session" => new("DELETE", "/api/session", MaybeBody(), Json, "sign out"),
            "POST /api/reports/weekly/{week}/generate" => new("POST", $"/api/reports/weekly/{Segment(Week())}/generate", MaybeBody(), Json, "week"),
            "POST /api/targets/{target}/{unit}/reports/{reportId}/confirm" => Confirm(),
            "POST /api/targets/{target}/{unit}/reports/{reportId}/reject" => Reject(),
            "POST /api/units/{unit}/upload" => Upload(),
            "POST /api/targets/{target}/whatif" => WhatIf(""),
            "POST /api/targets/{target}/whatif.xlsx" => WhatIf(".xlsx"),
            "POST /api/targets/{target}/whatif.md" => WhatIf(".md"),
            _ => throw new InvalidOperationException($"no generator for {route}"),
        };
    }

    // ---- Bodies of any shape --------------------------------------------------------------------------------

    /// <summary>A body that must be refused whatever the route: bytes, malformed or non-object JSON, or too large.</summary>
    private (byte[] Body, string ContentType, string Kind) Garbage()
    {
        return Random.Next(10) switch
        {
            0 or 1 => (RandomBytes(), Pick([Json, "application/octet-stream", "text/plain", "application/json; charset=utf-16"]), "bytes"),
            2 => (Encoding.UTF8.GetBytes(new string('[', 65 + Random.Next(2000)) + new string(']', Random.Next(2) == 0 ? 0 : 2065)), Json, "deep array"),
            3 => (Encoding.UTF8.GetBytes(DeepObject(65 + Random.Next(500))), Json, "deep object"),
            4 => (Encoding.UTF8.GetBytes(RandomJson(0) + Pick(["", " x", "}", "]", ",", "\u0000", "{}", "garbage"])), Json, "json + trailing"),
            5 => (Encoding.UTF8.GetBytes(Pick(["[", "{", "\"", "{\"a\":", "[1,", "{\"a\":1,}", "[1,]", "// c\n{}", "/* c */{}", "{'a':1}", "{a:1}", "\ufeff{}", "\ufeff", "NaN", "Infinity", "-Infinity", "1e400", "-0", "undefined", "0x10", "01", ".5", "+1"])), Json, "malformed"),
            6 => (Encoding.UTF8.GetBytes(Random.Next(2) == 0 ? HugeArray() : LongStringBody()), Json, "large"),
            7 => (NonObjectJson(), Json, "non-object json"),
            _ => (InvalidUtf8Json(), Json, "invalid utf-8"),
        };
    }

    private byte[] RandomBytes()
    {
        var bytes = new byte[Random.Next(1, 2048)];
        Random.NextBytes(bytes);
        if (Random.Next(3) == 0) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        return bytes;
    }

    private byte[] NonObjectJson() => Encoding.UTF8.GetBytes(Pick(["null", "true", "0", "-0", "1e308", "\"x\"", "[]", "[{}]", "[null]", "\"\\ud800\""]));

    private byte[] InvalidUtf8Json()
    {
        var head = Encoding.UTF8.GetBytes("{\"note\":\"");
        byte[][] bad = [[0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0x80]];
        return [.. head, .. Pick(bad), .. Encoding.UTF8.GetBytes("\",\"value\":1")];
    }

    private string DeepObject(int depth)
    {
        var s = new StringBuilder();
        for (var i = 0; i < depth; i++) s.Append("{\"a\":");
        s.Append('1');
        s.Append('}', depth);
        return s.ToString();
    }

    private string HugeArray()
    {
        var n = Pick([501, 5_000, 100_000, 400_000]);
        return "[" + string.Join(",", Enumerable.Repeat(Random.Next(2) == 0 ? "1" : "{}", n)) + "]";
    }

    /// <summary>One string of up to ~1.5 MiB (over the 1 MiB body limit half the time).</summary>
    private string LongStringBody() =>
        "{\"note\":\"" + new string(Random.Next(2) == 0 ? '测' : 'x', Random.Next(200_000, 1_500_000)) + "\"}";

    /// <summary>Random JSON of random shape: never a valid request, since its dates and role names are never valid.</summary>
    private string RandomJson(int depth)
    {
        var roll = depth > 6 ? Random.Next(5) : Random.Next(9);
        return roll switch
        {
            0 => JsonSerializer.Serialize(Pick(Hostile)),
            1 => Pick(["0", "-0", "1", "-1", "1e400", "-1e400", "1.7976931348623157e308", "5e-324", "123456789012345678901234567890", "0.1", "NaN", "Infinity"]),
            2 => Pick(["true", "false", "null"]),
            3 => "\"" + Pick(["\\ud800", "\\udfff\\ud800", "\\u0000", "\\u202e", "\\t\\b\\f"]) + Pick(Hostile).Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
            4 => JsonSerializer.Serialize(Pick(FieldNames) + Pick(["", "-x", "/../"])),
            5 or 6 => "[" + string.Join(",", Enumerable.Range(0, Random.Next(0, 6)).Select(_ => RandomJson(depth + 1))) + "]",
            _ => "{" + string.Join(",", Enumerable.Range(0, Random.Next(0, 7)).Select(_ =>
                JsonSerializer.Serialize(Pick(FieldNames)) + ":" + (Random.Next(8) == 0 ? "1" : RandomJson(depth + 1)))) + "}",
        };
    }

    /// <summary>Field names of every route, plus a few that tempt a careless reader.</summary>
    private static readonly string[] FieldNames =
    [
        "reportId", "target", "unit", "asOf", "value", "numerator", "denominator", "note", "correction", "promisedBy", "reason",
        "from", "until", "name", "role", "expiresInDays", "token", "__proto__", "constructor", "$type", "", "VALUE", "value ",
    ];

    // ---- Valid bodies with one field broken -----------------------------------------------------------------

    /// <summary>A valid body (field → raw JSON) with exactly one field replaced by a value from
    /// <paramref name="breakers"/> (null: remove the field; a required one is then missing).</summary>
    private (byte[] Body, string ContentType, string Kind) Mutated(Dictionary<string, string> valid, Dictionary<string, string?[]> breakers)
    {
        if (Random.Next(4) == 0) return Garbage();
        var field = Pick(breakers.Keys.ToArray());
        var value = Pick(breakers[field]);
        var body = new Dictionary<string, string>(valid);
        if (value is null) body.Remove(field);
        else body[field] = value;
        var text = "{" + string.Join(",", body.Select(p => JsonSerializer.Serialize(p.Key) + ":" + p.Value)) + "}";
        // A field given twice is refused too (which copy would count is a guess); the broken field stays broken.
        if (body.Count > 0 && Random.Next(12) == 0)
        {
            var (key, raw) = body.First();
            text = text[..^1] + "," + JsonSerializer.Serialize(key) + ":" + raw + "}";
        }
        return (Encoding.UTF8.GetBytes(text), Random.Next(10) == 0 ? "text/plain" : Json, $"{field} broken");
    }

    /// <summary>A what-if proposal (it only reads) with one field that cannot work, or any garbage; now and then for a
    /// target that is not in the plan.</summary>
    private FuzzRequest WhatIf(string suffix)
    {
        var target = Random.Next(8) == 0 ? Segment(Pick(["no-such-target", "rd-intensity", "../plan", "talent-teams%00"])) : "talent-teams";
        var valid = new Dictionary<string, string>
        {
            ["from"] = "\"360730\"", ["amount"] = "1", ["to"] = "[{\"unit\":\"360731\",\"amount\":1}]",
        };
        return Post($"/api/targets/{target}/whatif{suffix}", Mutated(valid, WhatIfBreakers));
    }

    private static readonly Dictionary<string, string?[]> WhatIfBreakers = new()
    {
        ["from"] = [null, "\"nowhere\"", "\"gxq\"", "\"city\"", "\"\"", "5", "[]", Str("<script>alert(1)</script>"), Str("\ud800")],
        ["amount"] = ["0", "-1", "\"1\"", "true", "[]", "1e308", "100000", "-0"],
        ["to"] = [null, "[]", "{}", "5", "[null]", "[{\"unit\":\"360730\",\"amount\":1}]", "[{\"unit\":\"360731\"}]",
            "[{\"unit\":\"360731\",\"amount\":1,\"share\":1}]", "[{\"unit\":\"360731\",\"amount\":2}]", "[{\"unit\":\"360731\",\"amount\":-1}]",
            "[{\"unit\":\"360731\",\"share\":2}]", "[{\"unit\":\"360731\",\"amount\":1,\"note\":1}]", "[{\"unit\":\"gxq\",\"amount\":1}]"],
        ["changesCityTotal"] = ["\"yes\"", "1", "[]", "{}"],
        ["note"] = [Str("未列出的字段"), "1"],
    };

    private static string Str(string s) => JsonSerializer.Serialize(s);

    private string LongText(int min) => Str(Pick(Hostile) + new string('长', min) + "<b>x</b>");

    private static readonly string[] BadDates =
    [
        "\"2025-02-30\"", "\"2025-13-01\"", "\"2025-00-10\"", "\"20250630\"", "\"2025-6-30\"", "\"2025/06/30\"", "\"30-06-2025\"",
        "\"2025-06-30T00:00:00\"", "\"\"", "\" 2025-06-30\"", "20250630", "true", "[\"2025-06-30\"]", "{}", "\"２０２５-06-30\"",
    ];

    private Dictionary<string, string> ReportBody(string target, string unit, bool ratio)
    {
        var body = new Dictionary<string, string>
        {
            ["reportId"] = Str($"fuzz-{_n}-{Random.Next()}"),
            ["target"] = Str(target),
            ["unit"] = Str(unit),
            ["asOf"] = "\"2025-06-30\"",
            ["value"] = ratio ? "1.5" : "1",
            ["note"] = Str(Pick(Hostile)),
        };
        if (ratio)
        {
            body["numerator"] = "3";
            body["denominator"] = "200";
        }
        if (Random.Next(3) == 0) body["correction"] = "true";
        return body;
    }

    private Dictionary<string, string?[]> ReportBreakers(bool ratio)
    {
        var breakers = new Dictionary<string, string?[]>
        {
            ["reportId"] = [null, "\"\"", "\"   \"", Str(new string('x', 101)), "\"a\\u0000b\"", "\"id\\nx\"", "123", "true", "[]", "{}"],
            ["target"] = [null, "\"\"", Str("../../etc/passwd"), Str("talent-teams/../talent-teams"), Str("TALENT-TEAMS"), Str("<script>alert(1)</script>"), Str("=cmd|' /C calc'!A0"), "1", "[\"talent-teams\"]"],
            ["unit"] = [null, "\"\"", Str("../360730"), Str("999999"), Str("360730 "), Str("\u0000"), "360730", Str("nowhere")],
            ["asOf"] = [null, "\"2024-12-31\"", "\"2026-01-01\"", "\"2025-12-31\"", .. BadDates],
            ["value"] = [null, "-1", "-0.0001", "\"1\"", "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e308", "true", "[1]", "{}", "1,"],
            ["note"] = [LongText(2001), "5", "true", "[]", "{}"],
            ["correction"] = ["\"yes\"", "1", "\"true\"", "[]"],
        };
        if (ratio)
        {
            breakers["numerator"] = [null, "-3", "\"3\"", "NaN", "1e400", "300000"];
            breakers["denominator"] = [null, "0", "-200", "-0", "\"200\"", "Infinity"];
        }
        else
        {
            breakers["numerator"] = ["3", "0"];
            breakers["denominator"] = ["200"];
        }
        // An unknown field (a misspelt one is not silently dropped).
        breakers["vaule"] = ["1", "null", "{}"];
        return breakers;
    }

    private FuzzRequest Reports()
    {
        (string Target, string Unit, bool Ratio) Pair()
        {
            var (target, unit) = Pick(world.Pairs.ToArray());
            return (target, unit, target.Contains("ratio", StringComparison.Ordinal) || target == "rd-intensity");
        }
        if (Random.Next(4) > 0)
        {
            var (target, unit, ratio) = Pair();
            // Only count and ratio targets get valid-shaped bodies; others still get their fields broken.
            return Post("/api/reports", Mutated(ReportBody(target, unit, ratio), ReportBreakers(ratio)));
        }
        // A batch: valid items around one broken one (all or nothing), or an empty or oversized array.
        var roll = Random.Next(6);
        if (roll == 0) return new("POST", "/api/reports", Encoding.UTF8.GetBytes(Pick(["[]", "[[]]", "[null]", "[1,2]"])), Json, "batch odd");
        if (roll == 1)
        {
            var many = string.Join(",", Enumerable.Range(0, 501).Select(i => "{\"reportId\":\"b" + i + "\"}"));
            return new("POST", "/api/reports", Encoding.UTF8.GetBytes("[" + many + "]"), Json, "batch 501");
        }
        var items = new List<string>();
        var broken = Random.Next(1, 5);
        for (var i = 0; i < broken + Random.Next(0, 4); i++)
        {
            var (target, unit, ratio) = Pair();
            var body = ReportBody(target, unit, ratio);
            items.Add(i == broken - 1
                ? Encoding.UTF8.GetString(Mutated(body, ReportBreakers(ratio)) is var m && m.Kind.EndsWith("broken", StringComparison.Ordinal) ? m.Body : Encoding.UTF8.GetBytes("\"not a report\""))
                : "{" + string.Join(",", body.Select(p => JsonSerializer.Serialize(p.Key) + ":" + p.Value)) + "}");
        }
        return new("POST", "/api/reports", Encoding.UTF8.GetBytes("[" + string.Join(",", items) + "]"), Json, $"batch of {items.Count}, item {broken - 1} broken");
    }

    private FuzzRequest Ack()
    {
        var valid = new Dictionary<string, string> { ["note"] = Str("整改措施" + Pick(Hostile)), ["promisedBy"] = "\"2025-09-30\"" };
        var breakers = new Dictionary<string, string?[]>
        {
            ["note"] = [null, LongText(2001), "5", "true", "[]", "{}"],
            ["promisedBy"] = [null, .. BadDates],
        };
        var (body, type, kind) = Mutated(valid, breakers);
        return new("POST", $"/api/alerts/{Segment(AlertId())}/ack", body, type, kind);
    }

    private FuzzRequest Close()
    {
        // The note is optional, so a real alert only ever gets bodies that cannot be read as a close request.
        var real = world.AlertIds.Count > 0 && Random.Next(2) == 0;
        var (body, type, kind) = real
            ? Mutated(new() { ["note"] = Str("已回到序时") }, new() { ["note"] = [LongText(2001), "5", "true", "[]", "{}", "-0"] })
            : Random.Next(3) == 0 ? (Encoding.UTF8.GetBytes(RandomJson(0)), Json, "random json") : Garbage();
        if (real && body.Length == 0) body = "{"u8.ToArray();
        return new("POST", $"/api/alerts/{Segment(real ? Pick(world.AlertIds.ToArray()) : AlertId(realAllowed: false))}/close", body, type, kind);
    }

    private FuzzRequest Reopen()
    {
        var (body, type, kind) = Mutated(new() { ["reason"] = Str("销号有误" + Pick(Hostile)) },
            new() { ["reason"] = [null, LongText(2001), "\"   \"", "5", "true", "[]", "{}"] });
        return new("POST", $"/api/alerts/{Segment(AlertId())}/reopen", body, type, kind);
    }

    /// <summary>An alert id: a real one (only with bodies that must be refused), one shaped like a real one but
    /// naming no alert (unknown target, unit, rule or date), or anything.</summary>
    private string AlertId(bool realAllowed = true)
    {
        var roll = Random.Next(5);
        if (roll == 0 && realAllowed && world.AlertIds.Count > 0) return Pick(world.AlertIds.ToArray());
        if (roll <= 2)
        {
            var (target, unit) = Pick(world.Pairs.ToArray());
            return Pick([
                $"{target}.{unit}.behind.2025-01-02", $"no-such-target.{unit}.behind.2025-01-02", $"_.{unit}.not-reported.1999-01-01",
                $"{target}.nowhere.behind.2025-01-02", $"_.nowhere.not-reported.2025-01-01", $"{target}.{unit}.{Pick(Hostile)}.2025-01-02",
                $"{Pick(Hostile)}.{unit}.behind.2025-01-02", $"../{target}.{unit}.behind.x", $"{target}..behind.x", $".{unit}.behind.x",
            ]);
        }
        return RandomId();
    }

    private string RandomId() => Random.Next(4) switch
    {
        0 => Pick(Hostile),
        1 => new string('a', Random.Next(200, 5000)),
        2 => string.Join(".", Enumerable.Range(0, Random.Next(1, 7)).Select(_ => Pick(Hostile))),
        _ => "x" + Random.Next().ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>An id that names nothing that exists: random, or real-looking with a prefix.</summary>
    private string FreshId(IReadOnlyList<string> existing, string prefix)
    {
        for (var attempt = 0; ; attempt++)
        {
            var id = Random.Next(3) switch
            {
                0 => prefix + Random.Next(0, 100_000).ToString(CultureInfo.InvariantCulture),
                1 => Convert.ToHexStringLower(BitConverter.GetBytes(Random.NextInt64())[..6]),
                _ => RandomId(),
            };
            if (!existing.Contains(id) && !existing.Contains(id.Trim())) return id;
        }
    }

    private Dictionary<string, string> SilenceBody() => new()
    {
        ["reason"] = Str("测试静默" + Pick(Hostile)),
        ["from"] = "\"2025-12-30T00:00:00+08:00\"",
        ["until"] = "\"2025-12-31T00:00:00+08:00\"",
        ["unit"] = Str(Pick(FuzzTests.Units)),
    };

    private static readonly Dictionary<string, string?[]> SilenceBreakers = new()
    {
        ["reason"] = [null, "\"\"", "\"   \"", "5", "[]", Str(new string('x', 2001))],
        ["from"] = [null, "\"2025-12-30\"", "\"yesterday\"", "\"\"", "5", "\"2025-12-31T00:00:00+08:00\"", "\"2026-01-01T00:00:00+08:00\"", "\"2025-13-30T00:00:00+08:00\""],
        ["until"] = [null, "\"2025-12-29T00:00:00+08:00\"", "\"2025-12-30T00:00:00+08:00\"", "\"2025-12-31\"", "\"\"", "true", "\"9999-99-99T99:99:99Z\""],
        ["unit"] = ["\"nowhere\"", Str("../360730"), "5", "\"\"", Str("<script>alert(1)</script>")],
        ["target"] = ["\"no-such-target\"", Str("../../etc/passwd"), "1", "{}"],
    };

    private static Dictionary<string, string> TokenBody() => new()
    {
        ["name"] = Str("模糊测试大屏"),
        ["role"] = "\"viewer\"",
        ["expiresInDays"] = "1",
    };

    private static readonly Dictionary<string, string?[]> TokenBreakers = new()
    {
        ["name"] = [null, "\"\"", "\"   \"", Str(new string('名', 101)), "\"a\\u0007b\"", "\"a\\u0000b\"", "5", "[]"],
        ["role"] = [null, "\"Admin\"", "\"root\"", "\"admin \"", "\"\"", "1", "[\"admin\"]", "\"viewer\\u0000\"", Str("<script>")],
        ["unit"] = ["\"360730\"", "\"nowhere\"", "5"],
        ["expiresInDays"] = ["0", "-1", "367", "1.5", "\"30\"", "1e400", "2147483648", "true", "NaN"],
    };

    private static readonly Dictionary<string, string?[]> SessionBreakers = new()
    {
        ["token"] = [null, "\"\"", Str("kl_000000000000_" + new string('A', 43)), Str(KejiApiFactory.AdminToken + " "), Str(new string('k', 5000)),
            "5", "[]", "{}", Str("Bearer " + KejiApiFactory.AdminToken), Str(KejiApiFactory.AdminToken.ToUpperInvariant())],
    };

    /// <summary>A week that must not generate: malformed, outside the plan year, or not started (the clock is in
    /// 2025-W27). Real-looking ones are a minority so that the rare mistake would still be found.</summary>
    private string Week() => Random.Next(6) switch
    {
        0 => $"2025-W{Random.Next(28, 60):00}",
        1 => Pick(["2025-W00", "2024-W10", "2026-W01", "0000-W01", "9999-W52", "2025-w01", "2025W01", "2025-W1", "2025-W001", " 2025-W01", "2025-W01 ", "+2025-W01", "２０２５-W01", "2025-W٠١", "2025-W0x", "2025-W-1"]),
        2 => Pick(Hostile) is { Length: > 0 } h ? h : "x",
        3 => RandomId(),
        _ => $"{(Random.Next(-1, 10000) is var y && y == 2025 ? 2024 : y)}-W{Random.Next(-5, 100)}",
    };

    private FuzzRequest Confirm()
    {
        var real = world.Reports.Count > 0 && Random.Next(3) == 0;
        if (real)
        {
            // A real report: only bodies that must be refused (no body at all would be a valid confirmation).
            var (t, u, id) = Pick(world.Reports.ToArray());
            var (body, type, kind) = Mutated(new() { ["note"] = Str("核实") }, new() { ["note"] = [LongText(2001), "5", "true", "[]", "{}"] });
            if (body.Length == 0) body = "{"u8.ToArray();
            return new("POST", $"/api/targets/{Segment(t)}/{Segment(u)}/reports/{Segment(id)}/confirm", body, type, kind);
        }
        var (target, unit) = Pick(world.Pairs.ToArray());
        var path = Random.Next(3) switch
        {
            0 => $"/api/targets/{Segment(RandomId())}/{Segment(unit)}/reports/{Segment(RandomId())}/confirm",
            1 => $"/api/targets/{Segment(target)}/{Segment(RandomId())}/reports/x/confirm",
            _ => $"/api/targets/{Segment(target)}/{Segment(unit)}/reports/{Segment(FreshId([.. world.Reports.Select(r => r.ReportId)], "fuzz-"))}/confirm",
        };
        var (b, ct, k) = Random.Next(4) == 0 ? ([], Json, "empty") : Garbage();
        return new("POST", path, b, ct, k);
    }

    /// <summary>退回: a real report only with a body that must be refused (a blank, too long or non-string reason, or none);
    /// else a report, unit or target that does not exist, with any body.</summary>
    private FuzzRequest Reject()
    {
        var real = world.Reports.Count > 0 && Random.Next(3) == 0;
        if (real)
        {
            var (t, u, id) = Pick(world.Reports.ToArray());
            var (body, type, kind) = Mutated(new() { ["reason"] = Str("与台账不符") }, new() { ["reason"] = [LongText(2001), Str("   "), "5", "true", "[]", "{}", null] });
            if (body.Length == 0) body = "{"u8.ToArray();
            return new("POST", $"/api/targets/{Segment(t)}/{Segment(u)}/reports/{Segment(id)}/reject", body, type, kind);
        }
        var (target, unit) = Pick(world.Pairs.ToArray());
        var path = Random.Next(3) switch
        {
            0 => $"/api/targets/{Segment(RandomId())}/{Segment(unit)}/reports/{Segment(RandomId())}/reject",
            1 => $"/api/targets/{Segment(target)}/{Segment(RandomId())}/reports/x/reject",
            _ => $"/api/targets/{Segment(target)}/{Segment(unit)}/reports/{Segment(FreshId([.. world.Reports.Select(r => r.ReportId)], "fuzz-"))}/reject",
        };
        var (b, ct, k) = Random.Next(4) == 0 ? ([], Json, "empty") : Garbage();
        return new("POST", path, b, ct, k);
    }

    private FuzzRequest Upload()
    {
        var unit = Random.Next(8) == 0 ? Pick(["nowhere", "../360732", "360732%00", Pick(Hostile)]) : FuzzTests.UploadUnit;
        var query = Random.Next(6) == 0 ? "?asOf=" + Uri.EscapeDataString(Pick(["2025-02-30", "2026-01-01", "x", "", Pick(Hostile)])) : "";
        var path = $"/api/units/{Segment(unit)}/upload{query}";
        var (file, kind) = Random.Next(5) switch
        {
            0 => (RandomBytes(), "random bytes"),
            1 => (world.TemplateBytes[..Random.Next(1, world.TemplateBytes.Length)], "truncated xlsx"),
            2 => (HostileZip(), "zip of junk"),
            _ => HostileWorkbook(),
        };
        var form = Random.Next(3) > 0;
        if (!form)
        {
            return new("POST", path, file, Pick([Workbook.XlsxType, "application/octet-stream", "text/csv", Json]), kind + " raw");
        }
        var boundary = "fuzz" + Random.Next();
        using var content = new MultipartFormDataContent(boundary);
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(Workbook.XlsxType);
        content.Add(part, Pick(["file", "file", "other", "FILE"]), Pick([$"{FuzzTests.UploadUnit}.xlsx", "../../x.xlsx", "<script>.xlsx", "填报.xlsx"]));
        var bytes = content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
        if (Random.Next(6) == 0) bytes = bytes[..Random.Next(1, bytes.Length)];
        return new("POST", path, bytes, $"multipart/form-data; boundary={boundary}", kind + (bytes.Length < file.Length ? " form (cut)" : " form"));
    }

    private byte[] HostileZip()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var name in new[] { "[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "../../evil.txt" }.Take(Random.Next(1, 5)))
            {
                using var entry = zip.CreateEntry(name).Open();
                // Encoding.UTF8 replaces a lone surrogate instead of throwing.
                entry.Write(Encoding.UTF8.GetBytes(Random.Next(2) == 0 ? "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>" : Pick(Hostile)));
            }
        }
        return stream.ToArray();
    }

    /// <summary>The unit's real template, with one 填报 value cell that cannot be a number (so the whole file is
    /// refused) and hostile text wherever else a unit could type: other rows, notes, the item list.</summary>
    private (byte[], string) HostileWorkbook()
    {
        var sheets = world.Template.Sheets.ToDictionary(s => s.Key, s => s.Value.Select(r => new Dictionary<string, object?>(r)).ToList());
        var rows = sheets["填报"];
        var bad = rows[Random.Next(rows.Count)];
        object badValue = Random.Next(4) switch
        {
            0 => -1 - Random.Next(100),
            1 => Pick(["=cmd|' /C calc'!A0", "<script>alert(1)</script>", "NaN", "1e400", "∞", "-0.5", "五", "1/2", "--1"]),
            2 => new string('9', 400) + "x",
            _ => Pick(Hostile) is var h && h.Trim().Length > 0 && !NumberLike(h) ? h : "x",
        };
        bad["本期累计值（填写）"] = badValue;
        foreach (var row in rows.Where(r => !ReferenceEquals(r, bad) && Random.Next(3) == 0))
        {
            foreach (var key in row.Keys.Where(k => k.Contains("备注", StringComparison.Ordinal) || k.Contains("更正", StringComparison.Ordinal)).ToList())
            {
                row[key] = Pick(Hostile);
            }
        }
        if (world.ItemTargets.Count > 0 && Random.Next(2) == 0 && sheets.TryGetValue("清单", out var items))
        {
            for (var i = 0; i < Random.Next(1, 4); i++)
            {
                items.Add(new Dictionary<string, object?>
                {
                    ["指标编号（勿改）"] = Random.Next(3) == 0 ? Pick(Hostile) : Pick(world.ItemTargets.ToArray()),
                    ["指标名称"] = null,
                    ["名称"] = Pick(Hostile) + new string('名', Random.Next(0, 3000)),
                    ["登记号/统一社会信用代码"] = Pick(Hostile),
                    ["状态（系统填写）"] = Pick(Hostile),
                });
            }
        }
        using var stream = new MemoryStream();
        MiniExcelLibs.MiniExcel.SaveAs(stream, sheets.ToDictionary(s => s.Key, s => (object)s.Value));
        return (stream.ToArray(), $"xlsx with 填报 value '{FuzzTests.Cut(badValue.ToString() ?? "", 40)}'");
    }

    /// <summary>Whether a cell text could be read as a number (the server normalizes NFKC first; text that cannot be
    /// normalized, such as a lone surrogate, is no number).</summary>
    private static bool NumberLike(string text)
    {
        try
        {
            return double.TryParse(text.Normalize(NormalizationForm.FormKC), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    // ---- Helpers --------------------------------------------------------------------------------------------

    private FuzzRequest Post(string path, (byte[] Body, string ContentType, string Kind) body) => new("POST", path, body.Body, body.ContentType, body.Kind);

    /// <summary>A body for routes that read none: nothing, or garbage (it must not matter).</summary>
    private byte[]? MaybeBody() => Random.Next(3) == 0 ? null : Garbage().Body;

    /// <summary>A path segment: every byte of its UTF-8 (a lone surrogate becomes U+FFFD) escaped but the unreserved
    /// ones, so "../" stays inside the segment; never empty.</summary>
    private static string Segment(string s)
    {
        if (s.Length == 0) return "%20";
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'~') text.Append((char)b);
            // %00 never reaches the app: the test host throws on it and Kestrel answers 400 itself. Send its text.
            else if (b == 0) text.Append("%2500");
            else text.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
        }
        return text.ToString();
    }

    private T Pick<T>(T[] items) => items[Random.Next(items.Length)];
}
