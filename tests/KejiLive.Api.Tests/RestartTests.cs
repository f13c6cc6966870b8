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

    /// <summary><c>--demo</c> on its own directory (<c>Demo:StartAfresh</c>, which it sets when it chooses
    /// <c>data-demo</c>) replays the year afresh each run: its clock goes back to its start, and the previous run's
    /// reports from later months must not show beside it (a wall read 数据截至 5月7日 on 3 March). A directory given
    /// explicitly keeps what it holds.</summary>
    [Fact]
    public async Task Demo_OnItsOwnDirectory_ReplaysTheYearAfreshEachRun()
    {
        const string Pair = "/api/targets/talent-teams/360702";
        var first = Start("--demo", "--Clock:Now=2025-05-02T09:00:00+08:00");
        await first.WaitHealthyAsync(HealthDeadline);
        var may = await ReportedAsOfAsync(first, Pair, asOf => string.CompareOrdinal(asOf, "2025-03-31") >= 0);
        first.KillHard();

        // Given explicitly (no Demo:StartAfresh), the directory keeps the May run's reports.
        var kept = Start("--demo", "--Clock:Now=2025-03-03T09:00:00+08:00");
        await kept.WaitHealthyAsync(HealthDeadline);
        Assert.Contains(may, await HistoryAsOfAsync(kept, Pair));
        kept.KillHard();

        var afresh = Start("--demo", "--Demo:StartAfresh=true", "--Clock:Now=2025-03-03T09:00:00+08:00");
        await afresh.WaitHealthyAsync(HealthDeadline);
        await ReportedAsOfAsync(afresh, Pair, _ => true);
        var history = await HistoryAsOfAsync(afresh, Pair);
        Assert.True(history.All(asOf => string.CompareOrdinal(asOf, "2025-03-01") < 0),
            $"a run starting on 3 March shows reports of later months: {string.Join(", ", history)}\n{afresh.Describe()}");
        Assert.Contains("previous run's data", afresh.Stdout, StringComparison.Ordinal);
    }

    /// <summary>The demo's first day: the reports already due go in before the first judging sweep, so the sweep opens
    /// 督办 only for units that are truly late, not a 未报送 督办 for every unit that closes a second later (it left 18
    /// resolved 督办 in /alerts and the first weekly pack of every fresh demo).</summary>
    [Fact]
    public async Task Demo_FirstJudgement_SeesTheReportsAlreadyDue()
    {
        var demo = Start("--demo", "--Demo:StartAfresh=true", "--Clock:Now=2025-03-03T09:00:00+08:00", "--Clock:Speed=1");
        await demo.WaitHealthyAsync(HealthDeadline);
        await ReportedAsOfAsync(demo, "/api/targets/talent-teams/360702", _ => true);

        var (summary, text) = await GetAsync(demo, "/api/alerts/summary");
        Assert.True(summary["counts"]!["resolved"]!.GetValue<int>() == 0, $"督办 opened and closed at the start: {text}");
        Assert.True(summary["counts"]!["open"]!.GetValue<int>() < 5, $"more than the demo's late units: {text}");
        Assert.Contains("sent before the first judgement", demo.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Waits (30 s at most) until the pair's newest figure satisfies <paramref name="done"/>; returns it.</summary>
    private async Task<string> ReportedAsOfAsync(KejiProcess silo, string path, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (detail, text) = await GetAsync(silo, path);
            if (detail["reportedAsOf"]?.GetValue<string>() is { } asOf && done(asOf)) return asOf;
            Assert.True(DateTime.UtcNow < deadline, $"no such figure within 30 s: {text}\n{silo.Describe()}");
            await Task.Delay(250);
        }
    }

    private async Task<string[]> HistoryAsOfAsync(KejiProcess silo, string path) =>
        [.. (await GetAsync(silo, path)).Detail["history"]!.AsArray().Select(h => h!["asOf"]!.GetValue<string>())];

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
