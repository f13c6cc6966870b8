using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;
using MiniExcelLibs;

namespace KejiLive.Api.Tests;

/// <summary>调剂测算 (issue 17's what-if) over HTTP, on an app of its own (the report below fixes 360783's figure, which
/// ReportTests' talent-teams × 360783 must not see): talent-teams × 360783 is the source, reported on once, with jkq
/// and rjxq as receivers that are only read. A what-if never writes: the plan and every figure stay.</summary>
public sealed class WhatIfTests(KejiApiFactory factory) : IClassFixture<KejiApiFactory>, IAsyncLifetime
{
    private const string Target = "talent-teams";
    private const string Source = "360783";
    private readonly HttpClient _client = factory.CreateClient();

    /// <summary>360783 (12 个 a year) reports 1 for 30 June: 5 are due in whole items, so it is red.</summary>
    public async Task InitializeAsync()
    {
        using var response = await _client.PostReportAsync(KejiApi.Report("whatif-360783-0630", Target, Source, 1, "2025-06-30"));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        return Task.CompletedTask;
    }

    private static JsonObject Proposal(double amount = 6, bool? cut = null, params (string Unit, double Amount)[] to)
    {
        var body = new JsonObject
        {
            ["from"] = Source,
            ["amount"] = amount,
            ["to"] = new JsonArray([.. (to.Length == 0 ? [("jkq", 3.0), ("rjxq", 3.0)] : to)
                .Select(m => (JsonNode)new JsonObject { ["unit"] = m.Unit, ["amount"] = m.Amount })]),
        };
        if (cut is { } c) body["changesCityTotal"] = c;
        return body;
    }

    private async Task<JsonNode> WhatIfAsync(JsonObject body, HttpClient? client = null)
    {
        using var response = await (client ?? _client).PostAsJsonAsync($"/api/targets/{Target}/whatif", body);
        var json = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        return json;
    }

    [Fact]
    public async Task WhatIf_MovingASourcesTarget_RecomputesItsGapLightAndForecast_CityTotalUnchanged()
    {
        var result = await WhatIfAsync(Proposal());

        Assert.Equal(6, result.Num("moved"));
        Assert.Equal(0, result.Num("cityTotalChange"));
        var units = result["units"]!.AsArray();
        Assert.Equal([Source, "jkq", "rjxq"], units.Select(u => u!["unit"]!.GetValue<string>()));
        var source = units[0]!;
        Assert.Equal(-6, source.Num("change"));
        Assert.Equal(12, source["before"]!.Num("annualTarget"));
        Assert.Equal(6, source["after"]!.Num("annualTarget"));
        Assert.Equal(1, source["after"]!.Num("actual"));
        // 1 of 12 on 30 June (5 due) is red; 1 of 6 (2 due) is 16.7 points behind: yellow.
        Assert.Equal("red", source["before"]!["light"]!.GetValue<string>());
        Assert.Equal("yellow", source["after"]!["light"]!.GetValue<string>());
        Assert.Equal((1.0 / 6 - (181.0 / 365)) * 100, source["after"]!.Num("gapPoints"), 6);
        Assert.Contains("较序时", source["after"]!["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(source["after"]!["forecast"]);
        foreach (var receiver in units.Skip(1))
        {
            Assert.Equal(3, receiver!.Num("change"));
            Assert.Equal(receiver!["before"]!.Num("annualTarget") + 3, receiver!["after"]!.Num("annualTarget"));
            Assert.Equal(receiver!["before"]!.Num("actual"), receiver!["after"]!.Num("actual"));
        }

        var city = result["city"]!;
        Assert.Equal(200, city["before"]!.Num("annualTarget"));
        Assert.Equal(200, city["after"]!.Num("annualTarget"));
        Assert.Equal(city["before"]!.Num("actual"), city["after"]!.Num("actual"));
        Assert.True(city["unitsRedAfter"]!.GetValue<int>() < city["unitsRedBefore"]!.GetValue<int>(), city.ToJsonString());
        // 个 are owed whole, so the city's reason is its light's own (CityLight), with the red units and the forecast after it.
        Assert.StartsWith("按各单位应完成的整项合计", city["after"]!["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains($"红灯单位{city["unitsRedAfter"]!.GetValue<int>()}个", city["after"]!["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("不改变计划", result["notice"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("龙南市调出 6个：赣州经开区承接 3个、赣州蓉江新区承接 3个；全市总量不变。", result["summary"]!.GetValue<string>());
    }

    [Fact]
    public async Task WhatIf_WithoutAnAmount_MovesTheSourcesShortfallAsTheTargetPageListsIt()
    {
        // The target page's 差额 for 360783 (12 个, 1 done for 30 June): its light reads 1 and half of the one under way
        // against the plan's 5.95, so 5 whole 个 make it up.
        var lines = (await _client.GetJsonAsync($"/api/targets/{Target}/shortfalls?limit=1000"))["shortfalls"]!.AsArray();
        var owed = lines.Single(l => l!["unit"]!.GetValue<string>() == Source)!.Num("amount");
        Assert.Equal(5, owed);
        var body = Proposal(to: ("jkq", 0));
        body.Remove("amount");
        body["to"] = new JsonArray(new JsonObject { ["unit"] = "jkq", ["share"] = 1 });

        var result = await WhatIfAsync(body);

        Assert.Equal(owed, result.Num("moved"));
        var source = result["units"]!.AsArray()[0]!;
        Assert.Equal(owed, source["before"]!.Num("shortfall"));
        // 1 of 8 on 30 June: 3 due in whole items (3.97 expected), so 2 short.
        Assert.Equal(2, source["after"]!.Num("shortfall"));
        Assert.Equal(lines.Sum(l => l!.Num("amount")), result["city"]!["before"]!.Num("shortfall"), 6);
    }

    [Fact]
    public async Task WhatIf_ChangesNothing_PlanAndUnitStay()
    {
        var planBefore = (await _client.GetJsonAsync("/api/plan")).ToJsonString();
        var unitBefore = await _client.GetTargetUnitAsync(Target, Source);

        await WhatIfAsync(Proposal());
        using (var xlsx = await _client.PostAsJsonAsync($"/api/targets/{Target}/whatif.xlsx", Proposal())) Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);

        Assert.Equal(planBefore, (await _client.GetJsonAsync("/api/plan")).ToJsonString());
        var unitAfter = await _client.GetTargetUnitAsync(Target, Source);
        Assert.Equal(12, unitAfter.Num("annualTarget"));
        Assert.Equal(unitBefore.HistoryCount(), unitAfter.HistoryCount());
        Assert.Equal(unitBefore["light"]!.GetValue<string>(), unitAfter["light"]!.GetValue<string>());
    }

    [Fact]
    public async Task WhatIf_MarkedCut_ChangesTheCityTotal()
    {
        var result = await WhatIfAsync(Proposal(6, true, ("jkq", 2)));
        Assert.Equal(-4, result.Num("cityTotalChange"));
        Assert.Equal(196, result["city"]!["after"]!.Num("annualTarget"));
        Assert.EndsWith("全市目标调减 4个。", result["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIfXlsx_IsAMeetingWorkbook_WithTheProposalAndTheCity()
    {
        using var response = await _client.PostAsJsonAsync($"/api/targets/{Target}/whatif.xlsx", Proposal());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("目标调剂测算", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["说明", "调剂前后"], MiniExcel.GetSheetNames(stream));
        var rows = stream.Query(useHeaderRow: true, sheetName: "调剂前后").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["龙南市", "赣州经开区", "赣州蓉江新区", "全市合计"], rows.Select(r => r["单位"]));
        Assert.Equal(12.0, Convert.ToDouble(rows[0]["调整前年度目标"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(6.0, Convert.ToDouble(rows[0]["调整后年度目标"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("红", rows[0]["调整前灯"]);
        Assert.Equal("黄", rows[0]["调整后灯"]);
        var about = stream.Query(useHeaderRow: true, sheetName: "说明").Cast<IDictionary<string, object?>>().ToDictionary(r => (string)r["项目"]!, r => (string?)r["内容"]);
        Assert.Contains("不改变计划", about["性质"], StringComparison.Ordinal);
        Assert.StartsWith("龙南市调出 6个", about["方案"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIfMarkdown_IsATableForTheMeetingNotes()
    {
        using var response = await _client.PostAsJsonAsync($"/api/targets/{Target}/whatif.md", Proposal());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("### 目标调剂测算：引进和培育高层次科技人才团队", text, StringComparison.Ordinal);
        Assert.Contains("| 龙南市 | −6 | 12 → 6 | 1 |", text, StringComparison.Ordinal);
        Assert.Contains("| 红 → 黄 |", text, StringComparison.Ordinal);
        Assert.Contains("| **全市合计** | 0 | 200 → 200 |", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unit")]
    [InlineData("viewer")]
    public async Task WhatIf_ForAUnitOrAViewer_Is403(string role)
    {
        var token = await SecurityApi.CreateTokenAsync(_client, role, role == "unit" ? Source : null);
        using var client = factory.ClientAs(token);
        foreach (var suffix in new[] { "", ".xlsx", ".md" })
        {
            using var response = await client.PostAsJsonAsync($"/api/targets/{Target}/whatif{suffix}", Proposal());
            await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task WhatIf_ForALeader_IsAnswered()
    {
        var token = await SecurityApi.CreateTokenAsync(_client, "leader");
        using var client = factory.ClientAs(token);
        var result = await WhatIfAsync(Proposal(), client);
        Assert.Equal(6, result.Num("moved"));
    }

    [Theory]
    [InlineData("""{"from":"360783","amount":6,"to":[{"unit":"jkq","amount":5}]}""", "to", "承接合计 5 与调出 6 不等")]
    [InlineData("""{"from":"360783","amount":6,"to":[{"unit":"jkq","amount":3,"share":0.5}]}""", "to[0]", "二者选一")]
    [InlineData("""{"from":"360783","amount":-1,"to":[{"unit":"jkq","amount":1}]}""", "amount", "大于 0")]
    [InlineData("""{"from":"360783","amount":13,"to":[{"unit":"jkq","amount":13}]}""", "amount", "超过龙南市的年度目标 12")]
    [InlineData("""{"from":"gxq","amount":1,"to":[{"unit":"jkq","amount":1}]}""", "from", "叠加显示")]
    [InlineData("""{"from":"nowhere","amount":1,"to":[{"unit":"jkq","amount":1}]}""", "from", "没有单位 nowhere")]
    [InlineData("""{"from":"360783","amount":1,"to":[{"unit":"city","amount":1}]}""", "to[0].unit", "不承担目标")]
    [InlineData("""{"from":"360783","amount":2,"to":[{"unit":"jkq","share":0.25},{"unit":"rjxq","share":0.75}]}""", "to[0]", "须按整数调剂")]
    [InlineData("""{"from":"360783","amount":1,"to":[{"unit":"jkq","amount":1}],"reason":"x"}""", "reason", "不认识的字段")]
    [InlineData("""{"from":"360783","amount":"1","to":[{"unit":"jkq","amount":1}]}""", "amount", "须为数字")]
    [InlineData("""{"from":"360783","amount":1}""", "to", "请填写承接单位")]
    [InlineData("""[1]""", "$", "JSON 对象")]
    public async Task WhatIf_BadProposal_Is400InChinese_NamingTheField(string body, string field, string message)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync($"/api/targets/{Target}/whatif", content);
        var errors = await response.AssertValidationProblemAsync(field);
        Assert.Contains(errors[field]!.AsArray(), m => m!.GetValue<string>().Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhatIf_UnknownTarget_Is404_AndARatioTarget_Is400()
    {
        using (var missing = await _client.PostAsJsonAsync("/api/targets/no-such-target/whatif", Proposal()))
        {
            var problem = await missing.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal("没有目标 no-such-target。", problem["detail"]!.GetValue<string>());
        }
        using var ratio = await _client.PostAsJsonAsync("/api/targets/rd-intensity/whatif", Proposal());
        await ratio.AssertValidationProblemAsync("target");
    }
}
