using System.Net;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;

namespace KejiLive.Api.Tests;

/// <summary>督办 through the HTTP contract, delivered to a real webhook receiver: a report that puts a unit far behind
/// opens an alert at once and the unit's contact point hears of it; the unit answers; the city office closes it.</summary>
[Collection(ApiCollection.Name)]
public sealed class AlertTests(KejiApiFactory factory)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>Used by these tests only: 申报项目数增长 (growth), about 42% expected by 1 July from last year's
    /// same-period figures, so a report of 1 project is far behind (red).</summary>
    private const string Target = "project-applications";
    private readonly HttpClient _http = factory.CreateClient();

    [Fact]
    public async Task Report_WhenItPutsAUnitFarBehind_OpensAnAlertAndTheUnitsWebhookHearsOfIt()
    {
        var alert = await OpenBehindAlertAsync("360724");

        Assert.Equal((Target, "360724", "behind", "red", "open"),
            (alert["target"]!.GetValue<string>(), alert["unit"]!.GetValue<string>(), alert["rule"]!.GetValue<string>(),
             alert["severity"]!.GetValue<string>(), alert["state"]!.GetValue<string>()));
        Assert.Equal("/targets/" + Target, alert["link"]!.GetValue<string>());
        // Opened Tue 1 July: answered by the third working day after, or it escalates.
        Assert.Equal("2025-07-04", alert["answerBy"]?.GetValue<string>());
        var id = alert["id"]!.GetValue<string>();
        var hook = await factory.Webhook.WaitForAsync(r => r.IdempotencyKey.StartsWith(id + "/opened/", StringComparison.Ordinal), Patience);
        Assert.Equal("firing", hook.Body.GetProperty("status").GetString());
        Assert.Contains("上犹县", hook.Body.GetProperty("alerts")[0].GetProperty("annotations").GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Acknowledge_WithRemedyAndDate_RecordsItAndTellsTheCityOffice()
    {
        var id = (await OpenBehindAlertAsync("360725"))["id"]!.GetValue<string>();

        using var response = await _http.PostAsync($"/api/alerts/{id}/ack", Json(new JsonObject { ["note"] = "加快团队引进，9月底前补齐", ["promisedBy"] = "2025-09-30" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var alert = await response.ReadJsonAsync();
        Assert.Equal(("acknowledged", "加快团队引进，9月底前补齐", "2025-09-30"),
            (alert["state"]!.GetValue<string>(), alert["remedy"]!.GetValue<string>(), alert["promisedBy"]!.GetValue<string>()));
        var last = alert["history"]!.AsArray()[^1]!;
        Assert.Equal("acknowledged", last["transition"]!.GetValue<string>());
        Assert.Equal(KejiApiFactory.AdminName, last["actor"]!.GetValue<string>());
        await factory.Webhook.WaitForAsync(r => r.IdempotencyKey.StartsWith(id + "/acknowledged/", StringComparison.Ordinal), Patience);
    }

    [Theory]
    [InlineData("{\"note\":\"整改\",\"promisedBy\":\"2025-06-30\"}", "promisedBy")]
    [InlineData("{\"note\":\"整改\",\"promisedBy\":\"2026-01-05\"}", "promisedBy")]
    [InlineData("{\"note\":\"   \",\"promisedBy\":\"2025-09-30\"}", "note")]
    [InlineData("{\"promisedBy\":\"2025-09-30\"}", "note")]
    [InlineData("{\"note\":\"整改\",\"promisedBy\":\"2025/09/30\"}", "promisedBy", "promisedBy 须为 yyyy-MM-dd 格式的日期")]
    [InlineData("{\"note\":\"整改\",\"promisedBy\":\"2025-09-31\"}", "promisedBy", "promisedBy 2025-09-31 这一天不存在（2025年9月只有30天）")]
    public async Task Acknowledge_WhenAnswerIsInvalid_Answers400NamingTheFieldAndChangesNothing(string body, string field, string? says = null)
    {
        var unit = field == "note" ? "360726" : "360728";
        var id = (await OpenBehindAlertAsync(unit))["id"]!.GetValue<string>();

        using var response = await _http.PostAsync($"/api/alerts/{id}/ack", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
        if (says is not null) Assert.StartsWith(says, problem["errors"]![field]![0]!.GetValue<string>());
        var still = await FindAsync(unit, id);
        Assert.Equal("open", still["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Acknowledge_WhenAlertUnknown_Answers404()
    {
        using var response = await _http.PostAsync($"/api/alerts/{Target}.360702.behind.20250101/ack",
            Json(new JsonObject { ["note"] = "x", ["promisedBy"] = "2025-09-30" }));
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Close_WhenNotResolved_NeedsANoteThenCloses()
    {
        var id = (await OpenBehindAlertAsync("360729"))["id"]!.GetValue<string>();

        using (var refused = await _http.PostAsync($"/api/alerts/{id}/close", Json(new JsonObject())))
        {
            var problem = await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]!.AsObject().ContainsKey("note"), problem.ToJsonString());
        }
        // A garbled body is not "no note": it is refused, not read as an empty close.
        using (var garbled = await _http.PostAsync($"/api/alerts/{id}/close", new StringContent("note=已处理", System.Text.Encoding.UTF8, "application/json")))
        {
            await garbled.AssertValidationProblemAsync("$");
        }
        Assert.DoesNotContain((await _http.GetJsonAsync("/api/alerts?unit=360729&state=closed")).AsArray(), a => a!["id"]!.GetValue<string>() == id);
        using var closed = await _http.PostAsync($"/api/alerts/{id}/close", Json(new JsonObject { ["note"] = "已约谈，转入月度专项调度" }));

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal("closed", (await closed.ReadJsonAsync())["state"]!.GetValue<string>());
        // Read right after the 200, without waiting: the API answers once the index (which the list reads) holds the close.
        var listed = await _http.GetJsonAsync("/api/alerts?unit=360729&state=closed");
        Assert.Contains(listed.AsArray(), a => a!["id"]!.GetValue<string>() == id);
    }

    [Theory]
    [InlineData("/api/alerts?state=pending", "state")]
    [InlineData("/api/alerts?unit=999999", "unit")]
    public async Task List_WhenFilterIsUnknown_Answers400NamingIt(string url, string field)
    {
        using var response = await _http.GetAsync(url);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());
    }

    [Fact]
    public async Task Silence_WhenValid_IsStoredWithWhoAndWhy_AndInvalidOnesNameTheField()
    {
        using (var bad = await _http.PostAsync("/api/silences", Json(new JsonObject { ["from"] = "2025-10-01T00:00:00+08:00", ["until"] = "2025-10-09T00:00:00+08:00", ["unit"] = "360730" })))
        {
            var problem = await bad.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem["errors"]!.AsObject().ContainsKey("reason"), problem.ToJsonString());
        }
        using var created = await _http.PostAsync("/api/silences", Json(new JsonObject
        {
            ["reason"] = "国庆假期集中调度，节后统一提醒", ["from"] = "2025-10-01T00:00:00+08:00", ["until"] = "2025-10-09T00:00:00+08:00", ["unit"] = "360730",
        }));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var silence = await created.ReadJsonAsync();
        var listed = await _http.GetJsonAsync("/api/silences");
        Assert.Contains(listed.AsArray(), s => s!["id"]!.GetValue<string>() == silence["id"]!.GetValue<string>()
            && s["reason"]!.GetValue<string>() == "国庆假期集中调度，节后统一提醒" && s["createdBy"]!.GetValue<string>() == KejiApiFactory.AdminName);
    }

    [Fact]
    public async Task Report_WhenAnOpenAlertsGapMovesAlone_TheListShowsTheGapTheUnitShows()
    {
        const string unit = "360731";
        var alert = await OpenBehindAlertAsync(unit);
        var id = alert["id"]!.GetValue<string>();
        var first = alert["points"]!.GetValue<double>();

        // A second figure, still far behind: the same alert (nothing but its gap moves, so its state is stored later),
        // yet the 督办 list must not keep showing the first gap beside the unit's new one.
        using var posted = await _http.PostReportAsync(KejiApi.Report(KejiApi.NewId("al"), Target, unit, 2));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var snapshot = await _http.GetJsonAsync($"/api/targets/{Target}/{unit}");
        var behind = -snapshot["gapPoints"]!.GetValue<double>();
        Assert.NotEqual(first, behind, 3);
        var deadline = DateTime.UtcNow + Patience;
        JsonNode shown;
        while (true)
        {
            shown = await FindAsync(unit, id);
            if (Math.Abs(shown["points"]!.GetValue<double>() - behind) < 0.001 || DateTime.UtcNow > deadline) break;
            await Task.Delay(20);
        }
        Assert.Equal(behind, shown["points"]!.GetValue<double>(), 3);
        Assert.Equal(alert["history"]!.AsArray().Count, shown["history"]!.AsArray().Count);
        Assert.Equal("open", shown["state"]!.GetValue<string>());
    }

    /// <summary>Reports 1 project for <paramref name="unit"/> (far behind on 2025-07-01) and returns its open alert.</summary>
    private async Task<JsonNode> OpenBehindAlertAsync(string unit)
    {
        using var posted = await _http.PostReportAsync(KejiApi.Report(KejiApi.NewId("al"), Target, unit, 1));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var alerts = (await _http.GetJsonAsync($"/api/alerts?unit={unit}&state=open")).AsArray();
            var alert = alerts.FirstOrDefault(a => a!["target"]?.GetValue<string>() == Target && a["rule"]!.GetValue<string>() == "behind");
            if (alert is not null) return alert;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No behind alert for {Target} × {unit}: {alerts.ToJsonString()}");
            await Task.Delay(20);
        }
    }

    private async Task<JsonNode> FindAsync(string unit, string id) =>
        (await _http.GetJsonAsync($"/api/alerts?unit={unit}")).AsArray().Single(a => a!["id"]!.GetValue<string>() == id)!;

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
