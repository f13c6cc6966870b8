using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;
using KejiLive.Testing;

namespace KejiLive.Api.Tests;

/// <summary>The real silo process on <c>Storage:Provider=Postgres</c> against the test run's own PostgreSQL server: an
/// accepted report survives kill -9 in the database (a restart from an empty data directory reads it back once, and the
/// audit trail holds it once with its chain intact), and a server that cannot be reached refuses the start in one line.</summary>
[Collection(RestartTests.Name)]
public sealed class PostgresSiloTests(PostgresApiFixture postgres) : IClassFixture<PostgresApiFixture>, IDisposable
{
    private static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(60);

    private readonly List<KejiProcess> _started = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "keji-pg-silo-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new()
    {
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KejiProcess.AdminToken) },
    };

    [Fact]
    public async Task AcceptedReport_WhenPostgresSiloKilledAndRestartedOnAnEmptyDataDirectory_IsReadBackExactlyOnce()
    {
        var database = await postgres.Server.CreateDatabaseAsync("api");
        var reportId = KejiApi.NewId("pg-durable");
        var body = KejiApi.Report(reportId, "talent-teams", "360731", 7, note: "PostgreSQL, kill -9 之前").ToJsonString();
        var first = Start("first", database);
        await first.WaitHealthyAsync(HealthDeadline);
        await PostAsync(first, body, HttpStatusCode.Created);
        first.KillHard();
        Assert.True(first.HasExited);

        // Its own, empty data directory: whatever it reads back comes from PostgreSQL, not from a local file.
        var second = Start("second", database);
        await second.WaitHealthyAsync(HealthDeadline);
        var (detail, text) = await GetAsync(second, "/api/targets/talent-teams/360731");

        var entry = Assert.Single(detail["history"]!.AsArray())!;
        Assert.Equal(reportId, entry["reportId"]!.GetValue<string>());
        Assert.Equal(7, entry.Num("value"));
        Assert.Equal("PostgreSQL, kill -9 之前", entry["note"]!.GetValue<string>());
        Assert.True(detail["reportCount"]!.GetValue<int>() == 1, text);
        Assert.False(File.Exists(Path.Combine(_directory, "second", "keji.db")), "the PostgreSQL silo wrote a SQLite database");
        // The same report again is still a repeat; the audit holds the report once, in an intact chain.
        await PostAsync(second, body, HttpStatusCode.OK);
        var (audit, auditText) = await GetAsync(second, "/api/audit?action=report&limit=1000");
        Assert.True(audit.AsArray().Count(e => e!["subject"]!.GetValue<string>().EndsWith("/" + reportId, StringComparison.Ordinal)) == 1, auditText);
        var (verify, verifyText) = await GetAsync(second, "/api/audit/verify");
        Assert.True(verify["intact"]!.GetValue<bool>(), verifyText);
    }

    [Fact]
    public async Task Silo_WhenPostgresCannotBeReached_ExitsWithOneLineNamingHostAndPort()
    {
        var port = FreePorts.Reserve(1)[0];
        var unreachable = $"Host=127.0.0.1;Port={port};Database=keji;Username=keji;Password=not-shown";

        var silo = KejiProcess.StartSilo(Path.Combine(_directory, "refused"), SiloPorts.Reserve(), KejiApiFactory.ClockNow,
            "--Storage:Provider", "Postgres", "--ConnectionStrings:postgres", unreachable);
        _started.Add(silo);

        await StartupErrorTests.AssertRefusedAsync(silo, [$"127.0.0.1:{port}", "PostgreSQL", "cannot be reached", "ConnectionStrings:postgres"]);
        Assert.DoesNotContain("not-shown", silo.Stdout + silo.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_WhenPostgresConnectionStringIsMissing_ExitsWithOneLineNamingTheKey()
    {
        var silo = KejiProcess.StartSilo(Path.Combine(_directory, "missing"), SiloPorts.Reserve(), KejiApiFactory.ClockNow,
            "--Storage:Provider", "Postgres");
        _started.Add(silo);

        await StartupErrorTests.AssertRefusedAsync(silo, ["ConnectionStrings:postgres", "Storage:Provider"]);
    }

    private KejiProcess Start(string name, string connectionString)
    {
        var silo = KejiProcess.StartSilo(Path.Combine(_directory, name), SiloPorts.Reserve(), KejiApiFactory.ClockNow,
            "--Storage:Provider", "Postgres", "--ConnectionStrings:postgres", connectionString);
        _started.Add(silo);
        return silo;
    }

    private async Task PostAsync(KejiProcess silo, string body, HttpStatusCode expected)
    {
        using var post = await _http.PostAsync(new Uri(silo.BaseAddress, "/api/reports"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(post.StatusCode == expected, $"{(int)post.StatusCode}: {await post.Content.ReadAsStringAsync()}\n{silo.Describe()}");
    }

    private async Task<(JsonNode Detail, string Text)> GetAsync(KejiProcess silo, string path)
    {
        using var get = await _http.GetAsync(new Uri(silo.BaseAddress, path));
        var text = await get.Content.ReadAsStringAsync();
        Assert.True(get.StatusCode == HttpStatusCode.OK, $"{(int)get.StatusCode}: {text}\n{silo.Describe()}");
        return (JsonNode.Parse(text)!, text);
    }

    public void Dispose()
    {
        foreach (var silo in _started) silo.Dispose();
        _http.Dispose();
        KejiApiFactory.TryDelete(_directory);
    }
}
