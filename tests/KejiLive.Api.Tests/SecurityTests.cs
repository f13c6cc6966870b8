using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;
using KejiLive.Grains.Abstractions.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Data.Sqlite;

namespace KejiLive.Api.Tests;

/// <summary>Tokens, sessions, the audit and the guards in front of the API, through the in-process app.</summary>
[Collection(ApiCollection.Name)]
public sealed class SecurityTests(KejiApiFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    [Fact]
    public async Task Report_WithoutAToken_Is401AndStoresNothing()
    {
        using var anonymous = factory.ClientAs(null);
        var before = (await _admin.GetTargetUnitAsync("talent-teams", "360725")).HistoryCount();

        using var response = await anonymous.PostReportAsync(KejiApi.Report(KejiApi.NewId("anon"), "talent-teams", "360725", 3));

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("令牌", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(before, (await _admin.GetTargetUnitAsync("talent-teams", "360725")).HistoryCount());
    }

    [Fact]
    public async Task UnitToken_ReportsForItsUnit_IsRecordedAsItsHolder_AndABatchWithAnotherUnitIsRefusedWhole()
    {
        var token = await SecurityApi.CreateTokenAsync(_admin, "unit", "rjxq", name: "蓉江新区科创局 填报员");
        using var unit = factory.ClientAs(token);
        var before = (await _admin.GetTargetUnitAsync("talent-teams", "rjxq")).HistoryCount();

        using var own = await unit.PostReportAsync(KejiApi.Report(KejiApi.NewId("own"), "talent-teams", "rjxq", 4, "2025-06-10"));
        using var mixed = await unit.PostReportAsync(new JsonArray(
            KejiApi.Report(KejiApi.NewId("own"), "talent-teams", "rjxq", 5, "2025-06-20"),
            KejiApi.Report(KejiApi.NewId("other"), "talent-teams", "jkq", 5, "2025-06-20")));

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var problem = await mixed.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("[1].unit", problem["field"]!.GetValue<string>());
        var detail = await _admin.GetTargetUnitAsync("talent-teams", "rjxq");
        Assert.Equal(before + 1, detail.HistoryCount());
        Assert.Equal("蓉江新区科创局 填报员", detail["history"]!.AsArray()[^1]!["submittedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task RevokedToken_StopsWorkingAtOnce_AndTheListNeverShowsASecret()
    {
        using var created = await _admin.PostAsJsonAsync("/api/tokens", new { name = "吊销测试", role = "viewer", expiresInDays = 5 });
        var json = await created.ReadJsonAsync();
        var (id, token) = (json["id"]!.GetValue<string>(), json["token"]!.GetValue<string>());
        using var viewer = factory.ClientAs(token);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/plan")).StatusCode);

        using var revoke = await _admin.DeleteAsync($"/api/tokens/{id}");
        using var after = await viewer.GetAsync("/api/plan");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var list = await _admin.GetAsync("/api/tokens");
        var text = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretOf(token), text, StringComparison.Ordinal);
        Assert.DoesNotContain("hash", text, StringComparison.OrdinalIgnoreCase);
        var listed = JsonNode.Parse(text)!.AsArray().Single(t => t!["id"]!.GetValue<string>() == id)!;
        Assert.NotNull(listed["revokedAt"]);
        Assert.Equal(KejiApiFactory.AdminName, listed["revokedBy"]!.GetValue<string>());
    }

    /// <summary>A web node believes a token the token grain accepted for a moment (TokenValidator.CacheFor) rather than
    /// asking on every request. A revocation that this node is not told of (made on another web node: here straight at
    /// the token grain) still reaches it within 5 s.</summary>
    [Fact]
    public async Task TokenRevokedBehindThisNodesBack_StopsWorkingHereWithinFiveSeconds()
    {
        using var created = await _admin.PostAsJsonAsync("/api/tokens", new { name = "另一节点吊销", role = "viewer", expiresInDays = 5 });
        var json = await created.ReadJsonAsync();
        var (id, token) = (json["id"]!.GetValue<string>(), json["token"]!.GetValue<string>());
        using var viewer = factory.ClientAs(token);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/plan")).StatusCode);

        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        Assert.NotNull(await grains.GetGrain<ITokenGrain>(ITokenGrain.Key).RevokeAsync(id, "另一节点"));
        var status = HttpStatusCode.OK;
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromSeconds(5) && status != HttpStatusCode.Unauthorized; await Task.Delay(100))
        {
            using var after = await viewer.GetAsync("/api/plan");
            status = after.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Tokens_AreStoredOnlyAsHashes()
    {
        var token = await SecurityApi.CreateTokenAsync(_admin, "leader", name: "哈希测试");
        var secret = SecretOf(token);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

        var stored = ReadDatabaseText(Path.Combine(factory.DataDirectory, "keji.db"), "SELECT group_concat(payload, '\n') FROM grain_state");

        Assert.Contains(hash, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"role\":\"viewer\"}", "name")]
    [InlineData("{\"name\":\"x\",\"role\":\"root\"}", "role")]
    [InlineData("{\"name\":\"x\",\"role\":\"unit\"}", "unit")]
    [InlineData("{\"name\":\"x\",\"role\":\"unit\",\"unit\":\"999999\"}", "unit")]
    [InlineData("{\"name\":\"x\",\"role\":\"viewer\",\"unit\":\"360702\"}", "unit")]
    [InlineData("{\"name\":\"x\",\"role\":\"viewer\",\"expiresInDays\":0}", "expiresInDays")]
    [InlineData("{\"name\":\"x\",\"role\":\"viewer\",\"expiresInDays\":367}", "expiresInDays")]
    [InlineData("{\"name\":\"x\",\"role\":\"viewer\",\"expiresInDays\":1.5}", "expiresInDays")]
    public async Task CreateToken_WithABadRequest_Answers400NamingTheField(string body, string field)
    {
        using var response = await _admin.PostAsync("/api/tokens", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task Session_SetsAStrictHttpOnlyCookie_ThatReadsButDoesNotWriteFromAnotherSite()
    {
        var token = await SecurityApi.CreateTokenAsync(_admin, "unit", "jkq", name: "会话测试");
        using var browser = factory.ClientAs(null);

        using var signIn = await browser.PostAsJsonAsync("/api/session", new { token });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single();
        var pair = cookie.Split(';')[0];
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var read = Send(HttpMethod.Get, "/api/me", pair, null);
        using var crossSite = Send(HttpMethod.Post, "/api/reports", pair, "cross-site",
            KejiApi.Report(KejiApi.NewId("csrf"), "talent-teams", "jkq", 2, "2025-06-11"));
        using var sameSite = Send(HttpMethod.Post, "/api/reports", pair, "same-origin",
            KejiApi.Report(KejiApi.NewId("page"), "talent-teams", "jkq", 2, "2025-06-11"));
        var me = await (await browser.SendAsync(read)).ReadJsonAsync();
        using var crossAnswer = await browser.SendAsync(crossSite);
        using var sameAnswer = await browser.SendAsync(sameSite);

        Assert.Equal(("会话测试", "unit", "jkq"), (me["name"]!.GetValue<string>(), me["role"]!.GetValue<string>(), me["unit"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, crossAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Created, sameAnswer.StatusCode);
    }

    [Theory]
    [InlineData("https://localhost", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost:8080", HttpStatusCode.Forbidden)]
    [InlineData("http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost", HttpStatusCode.Created)]
    public async Task SessionWrite_WhenOriginDiffersInSchemeHostOrPort_Is403(string origin, HttpStatusCode expected)
    {
        // The test site is http://localhost: only exactly that origin may write with the session cookie.
        var pair = await SignInCookieAsync("jkq");
        using var request = Send(HttpMethod.Post, "/api/reports", pair, null,
            KejiApi.Report(KejiApi.NewId("origin"), "talent-teams", "jkq", 2, "2025-06-11"));
        request.Headers.Add("Origin", origin);
        using var browser = factory.ClientAs(null);

        using var response = await browser.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains("Origin", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://evil.example", null, HttpStatusCode.Forbidden)]
    [InlineData("https://localhost", null, HttpStatusCode.Forbidden)]
    [InlineData(null, "cross-site", HttpStatusCode.Forbidden)]
    [InlineData(null, "same-site", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost", "same-origin", HttpStatusCode.OK)]
    [InlineData("http://localhost", null, HttpStatusCode.OK)]
    public async Task HubNegotiate_WithOnlyASessionCookie_WhenOriginIsForeign_Is403(string? origin, string? fetchSite, HttpStatusCode expected)
    {
        var pair = await SignInCookieAsync("rjxq");
        using var request = Send(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1", pair, fetchSite);
        if (origin is not null) request.Headers.Add("Origin", origin);
        using var browser = factory.ClientAs(null);

        using var response = await browser.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task HubWebSocket_WithOnlyASessionCookie_FromAForeignOriginIsRefused_FromThisSiteIsUpgraded()
    {
        var pair = await SignInCookieAsync("gxq");
        var hub = new Uri("ws://localhost/hubs/live");

        var foreign = factory.Server.CreateWebSocketClient();
        foreign.ConfigureRequest = r =>
        {
            r.Headers.Cookie = pair;
            r.Headers.Origin = "https://evil.example";
        };
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => foreign.ConnectAsync(hub, CancellationToken.None));
        var own = factory.Server.CreateWebSocketClient();
        own.ConfigureRequest = r =>
        {
            r.Headers.Cookie = pair;
            r.Headers.Origin = "http://localhost";
        };
        using var socket = await own.ConnectAsync(hub, CancellationToken.None);

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, socket.State);
        await socket.CloseAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task HubNegotiate_WithABearerTokenFromAnyOrigin_Works()
    {
        // Not a browser's ambient credential: API clients may connect from anywhere.
        using var viewer = factory.ClientAs(await SecurityApi.CreateTokenAsync(_admin, "viewer", name: "外部看板"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/live/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await viewer.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_WithAWrongToken_Is401AndSetsNoCookie()
    {
        using var browser = factory.ClientAs(null);

        using var response = await browser.PostAsJsonAsync("/api/session", new { token = "kl_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" });

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Audit_RecordsEveryChangeWithWhoWhereAndWhat_AndTheChainVerifies()
    {
        var leader = factory.ClientAs(await SecurityApi.CreateTokenAsync(_admin, "leader", name: "分管副局长"));
        var reportId = KejiApi.NewId("audit");
        (await _admin.PostReportAsync(KejiApi.Report(reportId, "talent-teams", "360731", 6, "2025-06-12", note: "<b>备注</b>"))).EnsureSuccessStatusCode();
        var correction = KejiApi.Report(KejiApi.NewId("audit-fix"), "talent-teams", "360731", 7, "2025-06-12");
        correction["correction"] = true;
        (await _admin.PostReportAsync(correction)).EnsureSuccessStatusCode();
        using var silence = await _admin.PostAsJsonAsync("/api/silences",
            new { reason = "审计测试", from = "2025-12-01T00:00:00+08:00", until = "2025-12-02T00:00:00+08:00", unit = "city" });
        var silenceId = (await silence.ReadJsonAsync())["id"]!.GetValue<string>();
        (await _admin.DeleteAsync($"/api/silences/{silenceId}")).EnsureSuccessStatusCode();

        var entries = await SecurityApi.AuditAsync(leader, "?limit=1000");
        var verify = await leader.GetJsonAsync("/api/audit/verify");

        JsonNode Find(string action, string subject) => entries.Single(e => e!["action"]!.GetValue<string>() == action && e["subject"]!.GetValue<string>() == subject)!;
        var report = Find("report", $"talent-teams/360731/{reportId}");
        Assert.Equal((KejiApiFactory.AdminName, "admin"), (report["actor"]!.GetValue<string>(), report["role"]!.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(report["address"]!.GetValue<string>()));
        Assert.Contains("value=6", report["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("note=<b>备注</b>", report["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("value=7", Find("correction", $"talent-teams/360731/{correction["reportId"]}")["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("reason=审计测试", Find("silence.add", silenceId)["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Find("silence.remove", silenceId);
        Assert.Contains(entries, e => e!["action"]!.GetValue<string>() == "token.create" && e["detail"]!.GetValue<string>().Contains("name=分管副局长", StringComparison.Ordinal));
        Assert.Contains(entries, e => e!["action"]!.GetValue<string>() == "plan.load");
        var seqs = entries.Select(e => e!["seq"]!.GetValue<long>()).ToList();
        Assert.Equal(seqs.OrderDescending(), seqs);
        Assert.True(verify["intact"]!.GetValue<bool>(), verify.ToJsonString());
    }

    [Fact]
    public async Task Audit_CannotBeEditedInTheDatabase()
    {
        (await _admin.PostReportAsync(KejiApi.Report(KejiApi.NewId("immutable"), "talent-teams", "360732", 1, "2025-06-13"))).EnsureSuccessStatusCode();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "keji.db")};Pooling=False");
        connection.Open();
        using var update = connection.CreateCommand();
        update.CommandText = "UPDATE audit SET actor = 'someone else' WHERE seq = 1;";
        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM audit WHERE seq = 1;";

        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => update.ExecuteNonQuery()).Message, StringComparison.Ordinal);
        Assert.Contains("append-only", Assert.Throws<SqliteException>(() => delete.ExecuteNonQuery()).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/plan")]
    [InlineData("/wall")]
    [InlineData("/health")]
    public async Task Answers_CarryTheSecurityHeaders(string path)
    {
        using var response = await _admin.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cors_IsClosed_APreflightFromAnotherOriginGetsNoAllowance()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/reports");
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");

        using var response = await _admin.SendAsync(request);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/plan");
        get.Headers.Add("Origin", "https://evil.example");
        using var read = await _admin.SendAsync(get);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(read.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("/api/reports/weekly/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.BadRequest)]
    [InlineData("/api/reports/weekly/2025-W02/charts/..%2F..%2Fkeji.png", HttpStatusCode.BadRequest)]
    [InlineData("/api/reports/weekly/C:%5Cwindows%5Cwin.ini.xlsx", HttpStatusCode.BadRequest)]
    [InlineData("/reports/..%5C..%5Cwindows", HttpStatusCode.BadRequest)]
    public async Task ReportNames_ThatTryToLeaveTheirFolder_AreRefused(string path, HttpStatusCode status)
    {
        using var response = await _admin.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.DoesNotContain("passwd", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    /// <summary>Signs a fresh unit token in and returns the session cookie as <c>name=value</c>.</summary>
    private async Task<string> SignInCookieAsync(string unit)
    {
        var token = await SecurityApi.CreateTokenAsync(_admin, "unit", unit, name: "来源测试 " + unit);
        using var browser = factory.ClientAs(null);
        using var signIn = await browser.PostAsJsonAsync("/api/session", new { token });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        return signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private static HttpRequestMessage Send(HttpMethod method, string path, string cookie, string? fetchSite, JsonNode? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Cookie", cookie);
        if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return request;
    }

    /// <summary>The secret part of <c>kl_&lt;id&gt;_&lt;secret&gt;</c> (the secret itself may contain '_').</summary>
    private static string SecretOf(string token) => token[(token.IndexOf('_', 3) + 1)..];

    private static string ReadDatabaseText(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() as string ?? "";
    }
}
