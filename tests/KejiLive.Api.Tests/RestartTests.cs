using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;
using KejiLive.Testing;

namespace KejiLive.Api.Tests;

/// <summary>The real silo process: an accepted report survives kill -9, and a broken plan stops the process at start.
/// Every start gets its own free HTTP, silo and gateway ports (reserved together).</summary>
[Collection(Name)]
public sealed class RestartTests : IDisposable
{
    public const string Name = "real-silo-process";

    private static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(60);

    private readonly List<KejiProcess> _started = [];
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "keji-restart-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new()
    {
        Timeout = TimeSpan.FromSeconds(10),
        DefaultRequestHeaders = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KejiProcess.AdminToken) },
    };

    public RestartTests() => Directory.CreateDirectory(_dataDirectory);

    [Fact]
    public async Task AcceptedReport_WhenSiloKilledAndRestarted_IsStillThere()
    {
        var reportId = KejiApi.NewId("durable");
        var body = KejiApi.Report(reportId, "talent-teams", "360731", 6, note: "kill -9 之前").ToJsonString();
        var first = Start();
        await first.WaitHealthyAsync(HealthDeadline);
        await PostAsync(first, body, HttpStatusCode.Created);
        first.KillHard();
        Assert.True(first.HasExited);

        var second = Start();
        await second.WaitHealthyAsync(HealthDeadline);
        var (detail, text) = await GetAsync(second, "/api/targets/talent-teams/360731");

        var entry = Assert.Single(detail["history"]!.AsArray())!;
        Assert.Equal(reportId, entry["reportId"]!.GetValue<string>());
        Assert.Equal(6, entry.Num("value"));
        Assert.Equal("2025-06-30", entry["asOf"]!.GetValue<string>());
        Assert.Equal("kill -9 之前", entry["note"]!.GetValue<string>());
        Assert.True(detail["reportCount"]!.GetValue<int>() == 1, text);
        // The same report again after the restart is still recognised as a repeat.
        await PostAsync(second, body, HttpStatusCode.OK);
    }

    /// <summary>A demo runs on a pinned clock (here fast, so the report is received 40-odd plan minutes after
    /// Clock:Now), is killed, and restarts with the same settings: the plan clock starts again at Clock:Now, before the
    /// report's receivedAt. The accepted report must still count in the state, not only sit in the history.</summary>
    [Fact]
    public async Task AcceptedReport_WhenRestartedWithPinnedClockBehindItsReceivedAt_StillCountsInTheState()
    {
        var reportId = KejiApi.NewId("rewound");
        var first = Start("--Clock:Speed", "3600");
        await first.WaitHealthyAsync(HealthDeadline);
        await PostAsync(first, KejiApi.Report(reportId, "talent-teams", "360732", 6).ToJsonString(), HttpStatusCode.Created);
        first.KillHard();

        var second = Start();
        await second.WaitHealthyAsync(HealthDeadline);
        var (detail, text) = await GetAsync(second, "/api/targets/talent-teams/360732");

        Assert.Equal(reportId, Assert.Single(detail["history"]!.AsArray())!["reportId"]!.GetValue<string>());
        Assert.True(detail.Num("actual") == 6, $"the stored report does not count after the restart: {text}");
        Assert.Equal("2025-06-30", detail["reportedAsOf"]?.GetValue<string>());
        Assert.False(detail["notReported"]!.GetValue<bool>());
    }

    private async Task PostAsync(KejiProcess silo, string body, HttpStatusCode expected)
    {
        using var post = await _http.PostAsync(new Uri(silo.BaseAddress!, "/api/reports"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(post.StatusCode == expected, $"{(int)post.StatusCode}: {await post.Content.ReadAsStringAsync()}\n{silo.Describe()}");
    }

    private async Task<(JsonNode Detail, string Text)> GetAsync(KejiProcess silo, string path)
    {
        using var get = await _http.GetAsync(new Uri(silo.BaseAddress!, path));
        var text = await get.Content.ReadAsStringAsync();
        Assert.True(get.StatusCode == HttpStatusCode.OK, $"{(int)get.StatusCode}: {text}\n{silo.Describe()}");
        return (JsonNode.Parse(text)!, text);
    }

    [Fact]
    public async Task Silo_WhenPlanHasDuplicateTargetId_ExitsNonZeroNamingFileAndTarget()
    {
        var plan = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));
        const string Original = "\"id\": \"tech-smes\"";
        Assert.Contains(Original, plan);
        var broken = Path.Combine(_dataDirectory, "broken-plan.json");
        await File.WriteAllTextAsync(broken, plan.Replace(Original, "\"id\": \"talent-teams\"", StringComparison.Ordinal));

        var silo = Start("--Plan:File", broken);
        var exited = await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(exited, $"The silo still runs 30 s after start with a broken plan.\n{silo.Describe()}");
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains(broken, silo.Stderr);
        Assert.Contains("talent-teams", silo.Stderr);
        Assert.Contains("duplicate", silo.Stderr, StringComparison.OrdinalIgnoreCase);
    }

    private KejiProcess Start(params string[] extraArgs)
    {
        var silo = KejiProcess.StartSilo(_dataDirectory, SiloPorts.Reserve(), KejiApiFactory.ClockNow, extraArgs);
        _started.Add(silo);
        return silo;
    }

    public void Dispose()
    {
        foreach (var silo in _started) silo.Dispose();
        _http.Dispose();
        KejiApiFactory.TryDelete(_dataDirectory);
    }
}
