using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KejiLive.Api.Tests;

/// <summary>
/// Every route and every hub method × every role × own unit / other unit, with the exact status code. The route list is
/// read from the running app: a route added without a row here fails <see cref="EveryMappedRoute_HasARowInTheMatrix"/>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuthorizationMatrixTests(KejiApiFactory factory) : IAsyncLifetime
{
    /// <summary>The unit the "own" reporter is bound to; the "other" reporter belongs to <see cref="OtherUnit"/>.</summary>
    private const string Unit = "360735";
    private const string OtherUnit = "360703";
    private const string Week = "2025-W02";

    private Dictionary<Caller, string?> _tokens = null!;

    /// <summary>Who calls: no token, and a token of each role (a unit reporter of the subject unit, and of another).</summary>
    public enum Caller { Anonymous, Viewer, UnitOwn, UnitOther, Leader, Admin }

    /// <summary>One route: method, the pattern as mapped, a concrete request, and the status per caller in
    /// <see cref="Caller"/> order.</summary>
    public sealed record Row(string Method, string Pattern, string Path, Func<JsonNode?>? Body, params int[] Expected);

    private static readonly int[] ReadAll = [401, 200, 200, 200, 200, 200];
    private static readonly int[] Open = [200, 200, 200, 200, 200, 200];
    private static readonly int[] OverseeRead = [401, 403, 403, 403, 200, 200];
    private static readonly int[] AdminOnly200 = [401, 403, 403, 403, 403, 200];

    private static JsonNode WhatIfBody() => new JsonObject
    {
        ["from"] = Unit, ["amount"] = 1, ["to"] = new JsonArray(new JsonObject { ["unit"] = "360734", ["amount"] = 1 }),
    };

    public static IReadOnlyList<Row> Rows { get; } =
    [
        // Public: health, the landing and login pages, the API description, signing in and out.
        new("GET", "/health", "/health", null, Open),
        new("GET", "/", "/", null, Open),
        new("GET", "/login", "/login", null, Open),
        new("GET", "/openapi/{documentName}.json", "/openapi/v1.json", null, Open),
        new("GET", "/scalar/{documentName?}", "/scalar/v1", null, Open),
        new("GET", "/scalar/scalar.js", "/scalar/scalar.js", null, Open),
        new("GET", "/scalar/scalar.aspnetcore.js", "/scalar/scalar.aspnetcore.js", null, Open),
        new("GET", "/scalar/favicon.svg", "/scalar/favicon.svg", null, Open),
        new("POST", "/api/session", "/api/session", () => new JsonObject { ["token"] = KejiApiFactory.AdminToken }, Open),
        new("DELETE", "/api/session", "/api/session", null, 204, 204, 204, 204, 204, 204),

        // Reading: every role.
        new("GET", "/api/plan", "/api/plan", null, ReadAll),
        new("GET", "/api/me", "/api/me", null, ReadAll),
        new("GET", "/api/targets/{target}", "/api/targets/talent-teams", null, ReadAll),
        new("GET", "/api/targets/{target}/{unit}", $"/api/targets/talent-teams/{Unit}", null, ReadAll),
        new("GET", "/api/targets/{target}/trajectory", "/api/targets/talent-teams/trajectory", null, ReadAll),
        new("GET", "/api/targets/{target}/shortfalls", "/api/targets/talent-teams/shortfalls", null, ReadAll),
        new("GET", "/api/units/{unit}", $"/api/units/{Unit}", null, ReadAll),
        new("GET", "/api/platforms/{target}", "/api/platforms/party-theory-study", null, ReadAll),
        new("GET", "/api/ranking", "/api/ranking", null, ReadAll),
        new("GET", "/api/status", "/api/status", null, ReadAll),
        // 督办: a unit user sees its own only (asking for another unit is refused; without a filter it gets its own).
        new("GET", "/api/alerts", $"/api/alerts?unit={Unit}", null, 401, 200, 200, 403, 200, 200),
        new("GET", "/api/alerts/summary", $"/api/alerts/summary?unit={Unit}", null, 401, 200, 200, 403, 200, 200),
        new("GET", "/api/reports/weekly", "/api/reports/weekly", null, ReadAll),
        new("GET", "/api/reports/weekly/{week}", $"/api/reports/weekly/{Week}", null, ReadAll),
        new("GET", "/api/reports/weekly/{week}.xlsx", $"/api/reports/weekly/{Week}.xlsx", null, ReadAll),
        new("GET", "/api/reports/weekly/{week}/charts/{name}.png", $"/api/reports/weekly/{Week}/charts/no-such-chart.png", null,
            401, 404, 404, 404, 404, 404),
        new("GET", "/reports", "/reports", null, ReadAll),
        new("GET", "/reports/{week}", $"/reports/{Week}", null, ReadAll),
        new("GET", "/wall", "/wall", null, ReadAll),
        new("GET", "/wall/milestones", "/wall/milestones", null, ReadAll),
        new("GET", "/targets/{id}", "/targets/talent-teams", null, ReadAll),
        new("GET", "/units/{id}", $"/units/{Unit}", null, ReadAll),
        new("GET", "/fill", "/fill", null, ReadAll),
        new("GET", "/alerts", "/alerts", null, ReadAll),
        new("GET", "/review", "/review", null, OverseeRead),
        new("GET", "/admin/silences", "/admin/silences", null, AdminOnly200),
        new("GET", "/admin/tokens", "/admin/tokens", null, AdminOnly200),
        new("GET", "/metrics", "/metrics", null, ReadAll),

        // Reporting: a unit for itself, admin for anyone; nobody else.
        new("POST", "/api/reports", "/api/reports", () => KejiApi.Report(KejiApi.NewId("matrix"), "talent-teams", Unit, 1, "2025-06-20"),
            401, 403, 201, 403, 403, 201),
        // Answering a 督办: the unit whose alert it is (the id names it), or admin. No such alert → 404 once allowed.
        new("POST", "/api/alerts/{id}/ack", $"/api/alerts/talent-teams.{Unit}.behind.2025-01-02/ack",
            () => new JsonObject { ["note"] = "整改", ["promisedBy"] = "2025-09-30" }, 401, 403, 404, 403, 403, 404),
        // Closing (销号) is the office's: leader or admin.
        new("POST", "/api/alerts/{id}/close", $"/api/alerts/talent-teams.{Unit}.behind.2025-01-02/close",
            () => new JsonObject { ["note"] = "已回到序时" }, 401, 403, 403, 403, 404, 404),
        // Reopening a closed 督办 undoes the office's decision: admin only.
        new("POST", "/api/alerts/{id}/reopen", $"/api/alerts/talent-teams.{Unit}.behind.2025-01-02/reopen",
            () => new JsonObject { ["reason"] = "销号有误" }, 401, 403, 403, 403, 403, 404),
        new("POST", "/api/reports/weekly/{week}/generate", $"/api/reports/weekly/{Week}/generate", null, 401, 403, 403, 403, 200, 200),

        // Silences: the office reads them, admin sets them.
        new("GET", "/api/silences", "/api/silences", null, OverseeRead),
        new("POST", "/api/silences", "/api/silences", () => new JsonObject
        {
            ["reason"] = "矩阵测试", ["from"] = "2025-12-30T00:00:00+08:00", ["until"] = "2025-12-31T00:00:00+08:00", ["unit"] = "city",
        }, 401, 403, 403, 403, 403, 201),
        new("DELETE", "/api/silences/{id}", "/api/silences/s-no-such", null, 401, 403, 403, 403, 403, 404),

        // Tokens: admin only.
        new("GET", "/api/tokens", "/api/tokens", null, AdminOnly200),
        new("POST", "/api/tokens", "/api/tokens", () => new JsonObject { ["name"] = "矩阵测试大屏", ["role"] = "viewer", ["expiresInDays"] = 1 },
            401, 403, 403, 403, 403, 201),
        new("DELETE", "/api/tokens/{id}", "/api/tokens/000000000000", null, 401, 403, 403, 403, 403, 404),

        // 待核实: the office's queue and confirmation. No such report → 404 once allowed.
        new("GET", "/api/reviews", "/api/reviews", null, OverseeRead),
        new("POST", "/api/targets/{target}/{unit}/reports/{reportId}/confirm", $"/api/targets/hi-tech-enterprises/{Unit}/reports/no-such-report/confirm",
            () => new JsonObject { ["note"] = "已电话核实" }, 401, 403, 403, 403, 404, 404),
        new("POST", "/api/targets/{target}/{unit}/reports/{reportId}/reject", $"/api/targets/hi-tech-enterprises/{Unit}/reports/no-such-report/reject",
            () => new JsonObject { ["reason"] = "与台账不符" }, 401, 403, 403, 403, 404, 404),

        // Excel 填报: a unit's own template and upload (the office may download any template); item lists; duplicates.
        // The upload's body is JSON, not a workbook: a caller that may upload gets 415, others never reach the file.
        new("GET", "/api/units/{unit}/template", $"/api/units/{Unit}/template?asOf=2025-06-30", null, 401, 403, 200, 403, 200, 200),
        new("POST", "/api/units/{unit}/upload", $"/api/units/{Unit}/upload", () => new JsonObject { ["not"] = "a workbook" },
            401, 403, 415, 403, 403, 415),
        new("GET", "/api/items/{target}/{unit}", $"/api/items/hi-tech-enterprises/{Unit}", null, 401, 403, 200, 403, 200, 200),
        new("GET", "/api/items/duplicates", "/api/items/duplicates", null, OverseeRead),
        new("GET", "/api/items/{target}/duplicates", "/api/items/hi-tech-enterprises/duplicates", null, OverseeRead),

        // 调剂测算 (what-if): the office's; it only reads, so every allowed caller gets the computed proposal.
        new("POST", "/api/targets/{target}/whatif", "/api/targets/talent-teams/whatif", WhatIfBody, OverseeRead),
        new("POST", "/api/targets/{target}/whatif.xlsx", "/api/targets/talent-teams/whatif.xlsx", WhatIfBody, OverseeRead),
        new("POST", "/api/targets/{target}/whatif.md", "/api/targets/talent-teams/whatif.md", WhatIfBody, OverseeRead),
        new("GET", "/whatif", "/whatif", null, OverseeRead),

        // The audit: leader and admin.
        new("GET", "/api/audit", "/api/audit", null, OverseeRead),
        new("GET", "/api/audit/verify", "/api/audit/verify", null, OverseeRead),
    ];

    /// <summary>Routes the hub maps (negotiate and the connection endpoint), covered by the hub tests below.</summary>
    private static readonly string[] HubPatterns = ["/hubs/live", "/hubs/live/negotiate"];

    public static TheoryData<string, string> RowKeys()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Rows) data.Add(row.Method, row.Pattern);
        return data;
    }

    public async Task InitializeAsync()
    {
        using var admin = factory.CreateClient();
        _tokens = new Dictionary<Caller, string?>
        {
            [Caller.Anonymous] = null,
            [Caller.Admin] = KejiApiFactory.AdminToken,
            [Caller.Viewer] = await SecurityApi.CreateTokenAsync(admin, "viewer"),
            [Caller.Leader] = await SecurityApi.CreateTokenAsync(admin, "leader"),
            [Caller.UnitOwn] = await SecurityApi.CreateTokenAsync(admin, "unit", Unit),
            [Caller.UnitOther] = await SecurityApi.CreateTokenAsync(admin, "unit", OtherUnit),
        };
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public void EveryMappedRoute_HasARowInTheMatrix()
    {
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            // Health and metrics answer any method; the matrix asks them with GET.
            .Select(r => r.StartsWith("* ", StringComparison.Ordinal) ? "GET " + r[2..] : r)
            .Where(r => !HubPatterns.Any(h => r.EndsWith(" " + h, StringComparison.Ordinal)))
            .ToHashSet();
        var inMatrix = Rows.Select(r => $"{r.Method} {r.Pattern}").ToHashSet();

        Assert.True(mapped.SetEquals(inMatrix),
            $"routes without a row: {string.Join(", ", mapped.Except(inMatrix).Order())}; rows without a route: {string.Join(", ", inMatrix.Except(mapped).Order())}");
    }

    /// <summary>The rows above that aim at a missing thing (404 once allowed) prove only the refusals; here each allowed
    /// caller acts on a real one and succeeds.</summary>
    [Fact]
    public async Task RowsAimingAtMissingThings_SucceedForTheAllowedCallers_OnRealOnes()
    {
        using var admin = factory.CreateClient();
        using var viewer = factory.ClientAs(_tokens[Caller.Viewer]);
        using var own = factory.ClientAs(_tokens[Caller.UnitOwn]);
        using var leader = factory.ClientAs(_tokens[Caller.Leader]);

        // Revoking a real token (admin).
        var token = await (await admin.PostAsync("/api/tokens", Json(new JsonObject { ["name"] = "矩阵吊销", ["role"] = "viewer", ["expiresInDays"] = 1 }))).ReadJsonAsync();
        using var revoke = await admin.DeleteAsync($"/api/tokens/{token["id"]!.GetValue<string>()}");

        // Removing a real silence (admin).
        var silence = await (await admin.PostAsync("/api/silences", Json(new JsonObject
        {
            ["reason"] = "矩阵删除", ["from"] = "2025-12-28T00:00:00+08:00", ["until"] = "2025-12-29T00:00:00+08:00", ["unit"] = "city",
        }))).ReadJsonAsync();
        using var unsilence = await admin.DeleteAsync($"/api/silences/{silence["id"]!.GetValue<string>()}");

        // A real chart of the week's pack (any reader).
        using var chart = await viewer.GetAsync($"/api/reports/weekly/{Week}/charts/ranking.png");

        // Answering (own unit) and closing (leader) a real 督办 of the matrix's own unit.
        // Far behind on a target no other row reports (talent-teams has the rows' 1 of its 4 teams, on plan in whole
        // items by 30 June: green, and a green light opens no 督办).
        using var low = await admin.PostAsync("/api/reports", Json(KejiApi.Report(KejiApi.NewId("matrix-low"), "tech-smes", Unit, 1, "2025-06-30")));
        JsonNode? alert = null;
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); alert is null; await Task.Delay(50))
        {
            alert = (await admin.GetJsonAsync($"/api/alerts?unit={Unit}")).AsArray()
                .FirstOrDefault(a => a!["target"]?.GetValue<string>() == "tech-smes" && a["state"]!.GetValue<string>() == "open");
            Assert.True(alert is not null || waited.Elapsed < TimeSpan.FromSeconds(15), "no open 督办 for tech-smes × " + Unit);
        }
        var alertId = alert!["id"]!.GetValue<string>();
        using var ack = await own.PostAsync($"/api/alerts/{alertId}/ack", Json(new JsonObject { ["note"] = "矩阵整改", ["promisedBy"] = "2025-09-30" }));
        using var close = await leader.PostAsync($"/api/alerts/{alertId}/close", Json(new JsonObject { ["note"] = "矩阵销号" }));

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, unsilence.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "image/png"), (chart.StatusCode, chart.Content.Headers.ContentType?.MediaType));
        Assert.True(low.IsSuccessStatusCode, $"report answered {(int)low.StatusCode}");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (ack.StatusCode, close.StatusCode));
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");

    [Theory]
    [MemberData(nameof(RowKeys))]
    public async Task Route_AnswersEachCallerWithTheExactStatus(string method, string pattern)
    {
        var row = Rows.Single(r => r.Method == method && r.Pattern == pattern);
        var actual = new List<string>();
        foreach (var caller in Enum.GetValues<Caller>())
        {
            using var client = factory.ClientAs(_tokens[caller]);
            using var request = new HttpRequestMessage(new HttpMethod(row.Method), row.Path);
            if (row.Body?.Invoke() is { } body) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await client.SendAsync(request);
            actual.Add($"{caller}={(int)response.StatusCode}");
            if ((int)response.StatusCode is 401 or 403 && row.Path.StartsWith("/api", StringComparison.Ordinal))
            {
                Assert.Equal(KejiApi.ProblemJson, response.Content.Headers.ContentType?.MediaType);
            }
        }
        var expected = Enum.GetValues<Caller>().Select((c, i) => $"{c}={row.Expected[i]}");
        Assert.Equal(string.Join(" ", expected), string.Join(" ", actual));
    }

    [Theory]
    [InlineData(Caller.Viewer)]
    [InlineData(Caller.UnitOwn)]
    [InlineData(Caller.UnitOther)]
    [InlineData(Caller.Leader)]
    [InlineData(Caller.Admin)]
    public async Task Hub_EveryRole_MayWatchEveryGroup(Caller caller)
    {
        await using var hub = Hub(_tokens[caller]);
        await hub.StartAsync();

        var wall = await hub.InvokeAsync<JsonNode>("WatchWall");
        var unit = await hub.InvokeAsync<JsonNode>("WatchUnit", OtherUnit);
        var target = await hub.InvokeAsync<JsonNode>("WatchTarget", "talent-teams");
        await hub.InvokeAsync("Unwatch", "wall");

        Assert.NotNull(wall["seq"]);
        Assert.Equal("unit:" + OtherUnit, unit["group"]!.GetValue<string>());
        Assert.NotNull(target["seq"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("kl_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-token")]
    public async Task Hub_WithoutAValidToken_IsRefusedAt401(string? token)
    {
        await using var hub = Hub(token);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => hub.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task Page_WithoutASession_RedirectsTheBrowserToLogin()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await client.GetAsync("/wall?kiosk=1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/login?next=%2Fwall%3Fkiosk%3D1", response.Headers.Location?.OriginalString);
    }

    private HubConnection Hub(string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/live"), o =>
        {
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();
}
