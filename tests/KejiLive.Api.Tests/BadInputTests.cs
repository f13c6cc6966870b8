using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;

namespace KejiLive.Api.Tests;

/// <summary>Bad input gets 400 problem+json naming the field, and changes nothing. Every body aims at
/// hi-tech-enterprises × 360735 (or enterprise-rd-ratio × 360735 for the ratio case), pairs no other test reports on,
/// so "nothing changed" means: still no report there.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(KejiApiFactory factory)
{
    private const string Target = "hi-tech-enterprises";
    private const string RatioTarget = "enterprise-rd-ratio";
    private const string Unit = "360735";

    private readonly HttpClient _client = factory.CreateClient();

    private static JsonObject Valid() => KejiApi.Report(KejiApi.NewId("bad-input"), Target, Unit, 1, note: "测试");

    private static string With(Action<JsonObject> change)
    {
        var body = Valid();
        change(body);
        return body.ToJsonString();
    }

    private static string Without(string field) => With(b => b.Remove(field));

    /// <summary>The base body with <c>"value": &lt;raw&gt;</c> spliced in as raw text (for tokens JSON has no node for).</summary>
    private static string WithRawValue(string raw) =>
        $$"""{"reportId":"{{KejiApi.NewId("raw")}}","target":"{{Target}}","unit":"{{Unit}}","asOf":"2025-06-30","value":{{raw}}}""";

    private static string ArrayOf(int count) =>
        new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)KejiApi.Report(KejiApi.NewId($"item{i}"), Target, Unit, 1))]).ToJsonString();

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "missing reportId", Without("reportId"), "reportId" },
        { "missing target", Without("target"), "target" },
        { "missing unit", Without("unit"), "unit" },
        { "missing asOf", Without("asOf"), "asOf" },
        { "missing value", Without("value"), "value" },
        { "null value", With(b => b["value"] = null), "value" },
        { "blank reportId", With(b => b["reportId"] = "   "), "reportId" },
        { "reportId over 100 characters", With(b => b["reportId"] = new string('x', 101)), "reportId" },
        { "unknown target", With(b => b["target"] = "no-such-target"), "target" },
        { "unknown unit", With(b => b["unit"] = "999999"), "unit" },
        { "unit not holding the target", With(b => { b["target"] = "pilot-bases"; b["unit"] = "360702"; }), "unit" },
        { "asOf in the future", With(b => b["asOf"] = "2025-07-02"), "asOf" },
        { "asOf before the plan year", With(b => b["asOf"] = "2024-12-31"), "asOf" },
        { "asOf after the plan year", With(b => b["asOf"] = "2026-01-01"), "asOf" },
        { "asOf as a number", With(b => b["asOf"] = 20250630), "asOf" },
        { "asOf with slashes", With(b => b["asOf"] = "2025/06/30"), "asOf" },
        { "asOf not a date", With(b => b["asOf"] = "2025-02-30"), "asOf" },
        { "negative value", With(b => b["value"] = -1), "value" },
        { "absurd value", With(b => b["value"] = 1e9), "value" },
        { "value as a string", With(b => b["value"] = "12"), "value" },
        { "value NaN as a string", With(b => b["value"] = "NaN"), "value" },
        { "value overflowing double", WithRawValue("1e400"), "value" },
        { "value NaN as a bare token", WithRawValue("NaN"), "$" },
        { "value Infinity as a bare token", WithRawValue("Infinity"), "$" },
        { "malformed JSON", """{"reportId": "x", "target": """, "$" },
        { "trailing comma", """{"reportId": "x",}""", "$" },
        { "comment in JSON", """{"reportId": "x" /* hi */}""", "$" },
        { "empty body", "", "$" },
        { "JSON string instead of an object", "\"report\"", "$" },
        { "unknown field", With(b => { b["vaule"] = b["value"]!.DeepClone(); b.Remove("value"); }), "vaule" },
        { "unknown field beside a valid value", With(b => b["vaule"] = 1), "vaule" },
        { "duplicate keys in one object", WithRawValue("1, \"value\": 2"), "$" },
        { "correction not a boolean", With(b => b["correction"] = "yes"), "correction" },
        { "note over 2000 characters", With(b => b["note"] = new string('注', 2001)), "note" },
        { "numerator on a count target", With(b => b["numerator"] = 1), "numerator" },
        { "ratio target without numerator", With(b => { b["target"] = RatioTarget; b["value"] = 1.5; b["denominator"] = 100; }), "numerator" },
        { "ratio value inconsistent with its parts", With(b => { b["target"] = RatioTarget; b["value"] = 1.5; b["numerator"] = 3; b["denominator"] = 100; }), "value" },
        { "empty array", "[]", "$" },
        { "array over 500 items", ArrayOf(501), "$" },
        { "array item not an object", "[1]", "[0]" },
        { "array item with a bad field", $"[{Valid().ToJsonString()},{With(b => b["asOf"] = "2025-13-01")}]", "[1].asOf" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task PostReports_WhenBodyInvalid_Answers400ProblemNamingFieldAndChangesNothing(string name, string body, string field)
    {
        using var response = await _client.PostRawAsync(body);
        var errors = await response.AssertValidationProblemAsync(field);

        Assert.True(errors.Count >= 1, name);
        await AssertNothingStoredAsync();
    }

    public static TheoryData<string, string, string> WrongForms => new()
    {
        { "value as a string", With(b => b["value"] = "10"), "value" },
        { "asOf with slashes", With(b => b["asOf"] = "2025/06/30"), "asOf" },
        { "asOf as a number", With(b => b["asOf"] = 20250630), "asOf" },
        { "reportId as a number", With(b => b["reportId"] = 7), "reportId" },
        { "second item's value as a string", $"[{Valid().ToJsonString()},{With(b => b["value"] = "10")}]", "[1].value" },
    };

    /// <summary>A field sent in the wrong form gets one error saying so, never a second one saying it is missing: a
    /// reporter who typed "10" in quotes was told both that value must be a number and that value was missing.</summary>
    [Theory]
    [MemberData(nameof(WrongForms))]
    public async Task PostReports_WhenFieldInWrongForm_SaysSoOnceAndNotThatItIsMissing(string name, string body, string field)
    {
        using var response = await _client.PostRawAsync(body);
        var errors = await response.AssertValidationProblemAsync(field);

        var messages = errors[field]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.True(messages.Count == 1, $"{name}: {string.Join(" / ", messages)}");
        Assert.DoesNotContain("缺少", messages[0], StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task PostReports_WhenValueGivenTwice_NamesTheDuplicatedProperty()
    {
        using var response = await _client.PostRawAsync(WithRawValue("1, \"value\": 2"));
        var errors = await response.AssertValidationProblemAsync("$");

        Assert.Contains("value", errors["$"]![0]!.GetValue<string>());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task PostReports_WhenArrayOf500Items_IsNotRefusedForItsLength()
    {
        // The limit is 500: exactly 500 passes the length check (and fails later only on its own merits, here: negative value).
        var items = Enumerable.Range(0, 500).Select(i => (JsonNode)KejiApi.Report(KejiApi.NewId($"n{i}"), Target, Unit, i == 499 ? -1 : 1)).ToArray();

        using var response = await _client.PostRawAsync(new JsonArray(items).ToJsonString());
        var errors = await response.AssertValidationProblemAsync("[499].value");

        Assert.False(errors.ContainsKey("$"));
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task PostReports_When500ItemsAreAllBad_TheAnswerListsTheFirst20AndCountsTheRest_AndStaysSmall()
    {
        var items = Enumerable.Range(0, 500).Select(i => (JsonNode)KejiApi.Report(KejiApi.NewId($"b{i}"), Target, Unit, -1 - i)).ToArray();

        using var response = await _client.PostRawAsync(new JsonArray(items).ToJsonString());
        var text = await response.Content.ReadAsStringAsync();
        var errors = await response.AssertValidationProblemAsync("[0].value");
        var problem = JsonNode.Parse(text)!;

        Assert.True(text.Length < 8_000, $"a 500-item error answer of {text.Length} characters");
        Assert.Equal(20, errors.Select(e => e.Value!.AsArray().Count).Sum());
        Assert.True(errors.ContainsKey("[19].value") && !errors.ContainsKey("[20].value"));
        Assert.Equal((480, 500), (problem["moreErrors"]!.GetValue<int>(), problem["totalErrors"]!.GetValue<int>()));
        Assert.Contains("另有 480 处错误未列出", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task ValidBody_WhenPostedForAnotherUnit_IsAccepted()
    {
        // The bad bodies differ from this one only by what they break.
        var body = Valid();
        body["unit"] = "360783";

        using var response = await _client.PostReportAsync(body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task PostReports_WhenBodyStartsWithAUtf8Bom_IsAcceptedLikeTheSameBodyWithout()
    {
        // A body some Windows tools write: EF BB BF, then the JSON. The same report sent again without the mark is the
        // same report (an idempotent repeat), so both were read alike.
        var body = Valid();
        body["unit"] = "360783";
        var json = Encoding.UTF8.GetBytes(body.ToJsonString());
        using var withBom = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. json]);
        withBom.Headers.ContentType = new("application/json");
        using var badWithBom = new ByteArrayContent([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Without("reportId"))]);
        badWithBom.Headers.ContentType = new("application/json");

        using var first = await _client.PostAsync("/api/reports", withBom);
        using var again = await _client.PostRawAsync(body.ToJsonString());
        using var bad = await _client.PostAsync("/api/reports", badWithBom);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await bad.AssertValidationProblemAsync("reportId");
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PostReports_WhenBodyOver1MiB_Answers413Problem(bool chunked)
    {
        var big = Valid();
        big["note"] = new string('x', (1 << 20) + 10);
        var bytes = Encoding.UTF8.GetBytes(big.ToJsonString());
        HttpContent content = chunked ? new StreamContent(new UnseekableStream(bytes)) : new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        if (chunked) Assert.Null(content.Headers.ContentLength);

        using var response = await _client.PostAsync("/api/reports", content);
        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Contains("1024 KiB", problem["detail"]!.GetValue<string>());
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Service_AfterBadInput_StillAnswers()
    {
        using (var bad = await _client.PostRawAsync("{"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using var health = await _client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private async Task AssertNothingStoredAsync()
    {
        foreach (var target in new[] { Target, RatioTarget })
        {
            var detail = await _client.GetTargetUnitAsync(target, Unit);
            Assert.Equal(0, detail.HistoryCount());
            Assert.Equal(0, detail.Num("actual"));
            Assert.Null(detail["reportedAsOf"]);
        }
    }

    /// <summary>A stream without a length, so the request goes out chunked and the server cannot refuse it by header.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }
}
