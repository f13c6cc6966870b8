using System.Net;
using KejiLive.Api.Tests.Support;
using KejiLive.Dashboard.Endpoints;
using KejiLive.Domain.Progress;

namespace KejiLive.Api.Tests;

/// <summary>The read-only parts of the HTTP contract: the plan, health, metrics, the API reference and 404s.</summary>
[Collection(ApiCollection.Name)]
public sealed class ContractTests(KejiApiFactory factory)
{
    private static readonly string[] ReportingUnits =
    [
        "360702", "360703", "360704", "360781", "360783", "360722", "360723", "360724", "360725", "360726",
        "360728", "360729", "360730", "360731", "360732", "360733", "360734", "360735", "jkq", "rjxq",
    ];

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task GetPlan_WhenShippedPlan_Lists16MainTargetsAnd20ReportingUnitsWithSampleNotice()
    {
        var plan = await _client.GetJsonAsync("/api/plan");

        Assert.Equal("ganzhou-2025", plan["id"]!.GetValue<string>());
        Assert.Equal(2025, plan["year"]!.GetValue<int>());
        Assert.True(plan["sampleSplit"]!.GetValue<bool>());
        Assert.Equal(ApiJson.SampleNotice, plan["sampleNotice"]!.GetValue<string>());
        Assert.Contains("示例分解", plan["sampleNotice"]!.GetValue<string>());

        var targets = plan["targets"]!.AsArray();
        Assert.Equal(16, targets.Count(t => t!["group"]!.GetValue<string>() == "main"));

        var reporting = plan["units"]!.AsArray()
            .Where(u => u!["kind"]!.GetValue<string>() is "county" or "zone")
            .Select(u => u!["id"]!.GetValue<string>())
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(ReportingUnits.Order(StringComparer.Ordinal), reporting);
        var gxq = plan["units"]!.AsArray().Single(u => u!["id"]!.GetValue<string>() == "gxq")!;
        Assert.Equal("overlay", gxq["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetPlan_WhenHiTechEnterprises_SplitSumsTo200WithoutTheGxqOverlay()
    {
        var plan = await _client.GetJsonAsync("/api/plan");
        var hiTech = plan["targets"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == "hi-tech-enterprises")!;
        var split = hiTech["split"]!.AsArray().Select(s => (Unit: s!["unit"]!.GetValue<string>(), Target: s["target"]!.GetValue<double>())).ToList();

        Assert.Equal(200, hiTech.Num("cityTarget"));
        Assert.Equal(200, split.Where(s => s.Unit != "gxq").Sum(s => s.Target));
        Assert.Contains(split, s => s.Unit == "gxq" && s.Target > 0);
        Assert.Equal(ReportingUnits.Order(StringComparer.Ordinal), split.Select(s => s.Unit).Where(u => u != "gxq").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task GetRanking_WhenAsked_ReturnsRuleTextAndUnits()
    {
        var ranking = await _client.GetJsonAsync("/api/ranking");

        Assert.Equal(UnitScore.Rule, ranking["rule"]!.GetValue<string>());
        Assert.Contains("序时进度", ranking["rule"]!.GetValue<string>());
        var units = ranking["units"]!.AsArray();
        Assert.All(units, u =>
        {
            Assert.Contains(u!["unit"]!.GetValue<string>(), ReportingUnits);
            Assert.True(u["rank"]!.GetValue<int>() >= 1);
        });
    }

    [Fact]
    public async Task Health_WhenSiloStarted_Answers200Healthy()
    {
        using var response = await _client.GetAsync("/health");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body["status"]!.GetValue<string>());
        Assert.Equal("Healthy", body["checks"]!["cluster"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metrics_AfterAReport_ExposesKejiAndOrleansMetricsInPrometheusFormat()
    {
        using (var post = await _client.PostReportAsync(KejiApi.Report(KejiApi.NewId("metrics"), "talent-teams", "360732", 1)))
        {
            Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        }

        using var response = await _client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("keji_reports_accepted_total{", text);
        Assert.Contains("keji_ingest_accepted_total{", text);
        Assert.Contains("outcome=\"created\"", text);
        Assert.Contains("\norleans_", text);
    }

    [Fact]
    public async Task OpenApi_WhenAsked_DescribesPostReports()
    {
        using var response = await _client.GetAsync("/openapi/v1.json");
        var document = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var paths = document["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/reports"), string.Join(", ", paths.Select(p => p.Key)));
        Assert.NotNull(paths["/api/reports"]!["post"]);
        Assert.True(paths.ContainsKey("/api/targets/{target}/{unit}"));
    }

    [Fact]
    public async Task Scalar_WhenAsked_Answers200Html()
    {
        using var response = await _client.GetAsync("/scalar/v1");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html", html, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string, string> UnknownResources => new()
    {
        { "/api/targets/no-such-target", "target" },
        { "/api/targets/no-such-target/360702", "target" },
        { "/api/targets/talent-teams/999999", "unit" },
        { "/api/targets/pilot-bases/360702", "unit" },
        { "/api/units/999999", "unit" },
    };

    [Theory]
    [MemberData(nameof(UnknownResources))]
    public async Task Get_WhenTargetOrUnitUnknown_Answers404ProblemNamingTheField(string url, string field)
    {
        using var response = await _client.GetAsync(url);
        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal(field, problem["field"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
    }
}
