using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;
using KejiLive.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace KejiLive.Api.Tests;

/// <summary>KejiLive as a real cluster (issue 19): Redis membership and reminders, PostgreSQL for everything accepted,
/// silos and a web node as separate processes on loopback. Under a steady load through the web node one silo is killed
/// with kill -9: every report that got a 2xx is in its history exactly once, the web node's SignalR clients get changes
/// again (a report on a key the dead silo held reaches the hub; how soon is measured by <c>mode=cluster</c> against the
/// issue's 5 s, and printed here, never asserted as a timing), and the judging scheduler the killed silo held is woken on
/// another silo by its reminder. A web node
/// that loses every silo says so in <c>/health</c> and serves again, without a restart, when a silo comes back.</summary>
[Collection(RestartTests.Name)]
public sealed class ClusterTests(ClusterServersFixture servers, ITestOutputHelper output) : IClassFixture<ClusterServersFixture>, IDisposable
{
    private const string ClockNow = "2025-07-15T10:00:00+08:00";
    private const string AsOf = "2025-07-14";
    private const string JudgedLine = "Judged ";

    private static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(90);

    /// <summary>How long the functional check waits for a report's change on the hub after the failover: generous, so
    /// that a loaded machine cannot fail it; the issue's 5 s is measured by <c>mode=cluster</c>.</summary>
    private static readonly TimeSpan HubProbeDeadline = TimeSpan.FromSeconds(30);

    /// <summary>A reminder fires once a minute; membership needs seconds to declare the silo dead, and the reminder
    /// service of the surviving silo reads its new range from Redis: well within this, or the reminder did not move.</summary>
    private static readonly TimeSpan ReminderDeadline = TimeSpan.FromSeconds(150);

    private static readonly string[] Targets = ["talent-teams", "tech-smes"];
    private static readonly string[] Units = ["360702", "360703", "360704", "360781", "360783", "360722", "360723", "360724", "360725", "360726"];

    private readonly List<KejiProcess> _started = [];
    private readonly Dictionary<KejiProcess, SiloPorts> _ports = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "keji-cluster-" + Guid.NewGuid().ToString("N"));
    private readonly string _clusterId = "keji-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Cluster_WhenOneOfThreeSilosIsKilledUnderLoad_AcceptedReportsAreKeptOnceAndLiveChangesAndRemindersResume()
    {
        var database = await servers.Postgres.CreateDatabaseAsync("cluster");
        // The first silo alone creates the schema and holds what is activated before the others join: the judging
        // scheduler (at its start) and the live registry the web node subscribes to. Killing it is the hardest case for
        // the live feed and makes the reminder's move certain.
        var first = StartSilo("silo-1", database);
        await first.WaitHealthyAsync(HealthDeadline);
        var web = StartWebNode();
        await web.WaitHealthyAsync(HealthDeadline);
        var second = StartSilo("silo-2", database);
        await second.WaitHealthyAsync(HealthDeadline);
        // A starting silo asks the scheduler to sweep (its start-up task), and the sweep is logged where the scheduler
        // runs: the silo whose log gains a sweep while the third one starts holds it now. (Not always the first silo:
        // when the second joins, the scheduler has been seen to move to it.)
        KejiProcess[] before = [first, second];
        var judged = before.ToDictionary(s => s, s => s.StdoutOccurrences(JudgedLine));
        var third = StartSilo("silo-3", database);
        await third.WaitHealthyAsync(HealthDeadline);
        KejiProcess[] silos = [first, second, third];

        var changes = new ConcurrentQueue<long>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(web.BaseAddress, "/hubs/live"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(KejiProcess.AdminToken);
            })
            .Build();
        hub.On<JsonElement>("Changes", _ => changes.Enqueue(Stopwatch.GetTimestamp()));
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("WatchWall");

        // Kill the scheduler's silo, so the reminder it owned has to fire on another silo.
        var holders = silos.Where(s => s.StdoutOccurrences(JudgedLine) > judged.GetValueOrDefault(s)).ToList();
        Assert.True(holders.Count == 1, $"expected exactly one silo to run the sweep the third silo's start asked for, found {holders.Count}:\n{string.Join("\n", silos.Select(s => s.Describe()))}");
        var victim = holders[0];
        var survivors = silos.Where(s => s != victim).ToList();

        using var http = web.CreateClient(timeout: AttemptTimeout);
        var runId = Guid.NewGuid().ToString("N")[..8];
        // Every 5xx the web node answered that was not "503 + Retry-After" (a failover must not look like a crash).
        var notUnavailable = new ConcurrentQueue<string>();
        var load = Stopwatch.StartNew();
        var loadEnd = Stopwatch.GetTimestamp() + (long)(LoadDuration.TotalSeconds * Stopwatch.Frequency);
        var workers = (from t in Targets from u in Units select RunKeyAsync(http, t, u, runId, load, notUnavailable)).ToList();

        await Task.Delay(KillAfter);
        var judgedBefore = survivors.ToDictionary(s => s, s => s.StdoutOccurrences(JudgedLine));
        victim.KillHard();
        var kill = Stopwatch.GetTimestamp();
        output.WriteLine($"kill -9 of silo-{Array.IndexOf(silos, victim) + 1} {victim.BaseAddress} (scheduler holder{(victim == first ? "; also where the live registry was first activated" : "")}) at {load.Elapsed.TotalSeconds:0.0} s into the load");

        var outcomes = (await Task.WhenAll(workers)).SelectMany(o => o).ToList();
        var failures = string.Join("\n", silos.Concat([web]).Select(p => p.Describe()));

        // Nothing refused: every report was accepted, at once or by a retry with the same reportId.
        var refused = outcomes.Where(o => o.Status is not (200 or 201)).ToList();
        Assert.True(refused.Count == 0, $"{refused.Count} reports never got a 2xx: {string.Join("; ", refused.Take(10))}");
        Assert.True(notUnavailable.IsEmpty, $"during the failover the web node answered other than 503 with Retry-After: {string.Join("; ", notUnavailable.Take(5))}");
        var retried = outcomes.Count(o => o.Attempts > 1);
        output.WriteLine($"{outcomes.Count} reports accepted ({outcomes.Count(o => o.Status == 201)} with 201, {outcomes.Count(o => o.Status == 200)} with 200), " +
            $"{retried} after a retry; {outcomes.Sum(o => o.Attempts - 1)} failed attempts in all");

        // Every accepted report is in its history exactly once.
        foreach (var key in outcomes.GroupBy(o => (o.Target, o.Unit)))
        {
            var detail = await GetJsonAsync(http, $"/api/targets/{key.Key.Target}/{key.Key.Unit}", failures);
            var ids = detail["history"]!.AsArray().Select(e => e!["reportId"]!.GetValue<string>()).ToList();
            foreach (var accepted in key)
            {
                var times = ids.Count(id => id == accepted.ReportId);
                Assert.True(times == 1, $"{accepted.ReportId} ({accepted}) is in the history of {key.Key} {times} times: [{string.Join(", ", ids)}]");
            }
        }

        // Kill → changes on the hub again. The silences are printed (the issue's 5 s is a benchmark figure, mode=cluster);
        // what is asserted is that changes came after the kill, and below that a report on a key the dead silo held
        // reaches the hub once the load is over. A change received just after the kill may have been on its way before
        // it, so the longest silence from the kill until the load ended is printed, not only the first change.
        var after = changes.Where(t => t > kill).Order().ToList();
        Assert.True(after.Count > 0, $"the hub client received no change after the kill\n{web.Describe()}");
        var firstGap = Stopwatch.GetElapsedTime(kill, after[0]);
        var silence = after.Zip(after.Skip(1).Append(Math.Max(loadEnd, after[^1])), (a, b) => Stopwatch.GetElapsedTime(a, b)).Prepend(firstGap).Max();
        var longGaps = after.Zip(after.Skip(1), (a, b) => (From: Stopwatch.GetElapsedTime(kill, a), Gap: Stopwatch.GetElapsedTime(a, b)))
            .Where(g => g.Gap > TimeSpan.FromSeconds(1)).Select(g => $"{g.Gap.TotalMilliseconds:0} ms from {g.From.TotalMilliseconds:0} ms");
        output.WriteLine($"kill → first change on the hub: {firstGap.TotalMilliseconds:0} ms; longest silence on the hub from the kill to the end of the load: {silence.TotalMilliseconds:0} ms ({after.Count} messages; silences over 1 s after the kill: {string.Join(", ", longGaps.DefaultIfEmpty("none"))})");

        // Kill → first success on the dead silo's grains: the keys whose reports failed after the kill lived there (or
        // went through it); their first 2xx after the kill is when they were live again.
        var failedAfterKill = outcomes.Where(o => o.FirstFailure is { } f && f > kill).ToList();
        if (failedAfterKill.Count == 0)
        {
            output.WriteLine("no report failed after the kill: every call the web node made found a live activation");
        }
        else
        {
            output.WriteLine($"{failedAfterKill.Select(o => (o.Target, o.Unit)).Distinct().Count()} target × unit failed after the kill; " +
                $"kill → first success of a report that had failed: {Stopwatch.GetElapsedTime(kill, failedAfterKill.Min(o => o.AcceptedAt)).TotalMilliseconds:0} ms, " +
                $"→ the last of them accepted: {Stopwatch.GetElapsedTime(kill, failedAfterKill.Max(o => o.AcceptedAt)).TotalMilliseconds:0} ms");
        }
        var failedBeforeKill = outcomes.Count(o => o.FirstFailure is { } f && f <= kill);
        if (failedBeforeKill > 0) output.WriteLine($"{failedBeforeKill} reports failed at first before the kill");

        // The live feed after the failover: once the load's changes have drained, one more report on a key whose grain
        // lived on the dead silo (or was reached through it) must reach the hub client.
        var (probeTarget, probeUnit) = failedAfterKill.Count > 0 ? (failedAfterKill[0].Target, failedAfterKill[0].Unit) : (Targets[0], Units[0]);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var probeSent = Stopwatch.GetTimestamp();
        // The key's reports carried the values 1, 2, …, one per outcome: the probe carries the next.
        var probeValue = outcomes.Count(o => o.Target == probeTarget && o.Unit == probeUnit) + 1;
        // Retried with its reportId while the answer is a 5xx or none, as the load's reports are: the check is the feed.
        var probeAnswer = await WaitForAsync(HubProbeDeadline, async () =>
        {
            using var probe = await PostAsync(http, $"cl-{runId}-probe", probeTarget, probeUnit, probeValue);
            var text = await probe.Content.ReadAsStringAsync();
            return (int)probe.StatusCode < 500 ? $"{(int)probe.StatusCode} {text}" : null;
        });
        Assert.True(probeAnswer is not null && (probeAnswer.StartsWith("201 ", StringComparison.Ordinal) || probeAnswer.StartsWith("200 ", StringComparison.Ordinal)), $"the probe report on {probeTarget} × {probeUnit}: {probeAnswer ?? "no answer but 5xx"}\n{failures}");
        var probeSeen = await WaitForAsync(HubProbeDeadline, () => changes.Where(t => t > probeSent).Select(t => (long?)t).FirstOrDefault() is { } t ? (object)t : null);
        Assert.True(probeSeen is not null, $"a report on {probeTarget} × {probeUnit} after the failover reached no hub client within {HubProbeDeadline.TotalSeconds} s\n{web.Describe()}");
        output.WriteLine($"after the load: report on {probeTarget} × {probeUnit} → change on the hub {Stopwatch.GetElapsedTime(probeSent, (long)probeSeen).TotalMilliseconds:0} ms");

        // The killed silo's own web side died with it. Once membership has declared the silo dead (each survivor says so in
        // its log), the live feed sends it nothing more: a report still reaches the web node's hub, and no survivor logs a
        // message to the dead silo's hosted client (each was logged with Orleans' placement retries and stack traces, for
        // as long as the feed remembered the dead node: up to 140 s after the kill).
        var declaredDead = $"Membership declared silo dead: S127.0.0.1:{_ports[victim].Silo}:";
        var allKnow = await WaitForAsync(HealthDeadline, () => survivors.All(s => s.StdoutOccurrences(declaredDead) > 0) ? (object)true : null);
        Assert.True(allKnow is not null, $"not every survivor logged '{declaredDead}…' within {HealthDeadline.TotalSeconds} s\n{failures}");
        // Sends made just before the declaration are logged after their retries (about half a second).
        await Task.Delay(TimeSpan.FromSeconds(2));
        var deadClient = $"sys.client/hosted-127.0.0.1:{_ports[victim].Silo}@";
        var sendsToDead = survivors.Sum(s => s.StdoutOccurrences(deadClient));
        output.WriteLine($"log lines about the dead silo's web side from the kill until every survivor knew it dead: {sendsToDead}");
        var lateSent = Stopwatch.GetTimestamp();
        var lateAnswer = await WaitForAsync(HubProbeDeadline, async () =>
        {
            using var late = await PostAsync(http, $"cl-{runId}-late", probeTarget, probeUnit, probeValue + 1);
            return (int)late.StatusCode < 500 ? $"{(int)late.StatusCode} {await late.Content.ReadAsStringAsync()}" : null;
        });
        Assert.True(lateAnswer is not null && lateAnswer.StartsWith("201 ", StringComparison.Ordinal), $"the late report: {lateAnswer ?? "no answer but 5xx"}\n{failures}");
        var lateSeen = await WaitForAsync(HubProbeDeadline, () => changes.Any(t => t > lateSent) ? (object)true : null);
        Assert.True(lateSeen is not null, $"a report after the silo was declared dead reached no hub client within {HubProbeDeadline.TotalSeconds} s\n{web.Describe()}");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var sentToDead = survivors.Sum(s => s.StdoutOccurrences(deadClient)) - sendsToDead;
        Assert.True(sentToDead == 0, $"{sentToDead} log lines about the dead silo's web side ({deadClient}) after membership declared it dead\n{failures}");

        // The scheduler's reminder fires on a survivor: it wakes the grain there, which sweeps the plan again (logged where
        // it runs) and is Healthy on the web node's /health once that sweep completes.
        var reminderClock = Stopwatch.StartNew();
        var sweptOn = await WaitForAsync(ReminderDeadline, () => survivors.FirstOrDefault(s => s.StdoutOccurrences(JudgedLine) > judgedBefore[s]));
        Assert.True(sweptOn is not null, $"no surviving silo ran the judging sweep within {ReminderDeadline.TotalSeconds} s of the kill: the reminder did not move.\n{failures}");
        output.WriteLine($"kill → judging sweep on {sweptOn.BaseAddress} woken by its reminder: {Stopwatch.GetElapsedTime(kill).TotalSeconds:0.0} s " +
            $"(waited {reminderClock.Elapsed.TotalSeconds:0.0} s after the load)");
        var health = await WaitForAsync(HealthDeadline, async () =>
        {
            using var response = await http.GetAsync("/health");
            var text = await response.Content.ReadAsStringAsync();
            return response.StatusCode == HttpStatusCode.OK && JsonNode.Parse(text)!["status"]!.GetValue<string>() == "Healthy" ? text : null;
        });
        Assert.True(health is not null, $"the web node's /health did not return to Healthy after the kill.\n{failures}");
        output.WriteLine($"web node /health after the kill: {health}");
    }

    [Fact]
    public async Task WebNodeHealth_WhenEverySiloIsGoneAndANewOneJoins_Answers503ThenServesAgainWithoutARestart()
    {
        var database = await servers.Postgres.CreateDatabaseAsync("webnode");
        var silo = StartSilo("only", database);
        await silo.WaitHealthyAsync(HealthDeadline);
        var web = StartWebNode();
        await web.WaitHealthyAsync(HealthDeadline);
        using var http = web.CreateClient(timeout: TimeSpan.FromSeconds(15));
        using (var first = await PostAsync(http, KejiApi.NewId("before"), "talent-teams", "360702", 3)) Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        silo.KillHard();
        var down = await WaitForAsync(HealthDeadline, async () =>
        {
            using var response = await http.GetAsync("/health");
            return response.StatusCode == HttpStatusCode.ServiceUnavailable ? await response.Content.ReadAsStringAsync() : null;
        });
        Assert.True(down is not null, $"the web node's /health never answered 503 with no silo left.\n{web.Describe()}");
        output.WriteLine($"no silo: /health 503 {down}");

        var second = StartSilo("second", database);
        await second.WaitHealthyAsync(HealthDeadline);
        var clock = Stopwatch.StartNew();
        await web.WaitHealthyAsync(HealthDeadline);
        output.WriteLine($"new silo healthy → web node healthy: {clock.Elapsed.TotalSeconds:0.0} s");

        var reportId = KejiApi.NewId("after");
        using (var post = await PostAsync(http, reportId, "talent-teams", "360702", 4))
        {
            Assert.True(post.StatusCode == HttpStatusCode.Created, $"{(int)post.StatusCode}: {await post.Content.ReadAsStringAsync()}\n{web.Describe()}");
        }
        var detail = await GetJsonAsync(http, "/api/targets/talent-teams/360702", web.Describe());
        Assert.Equal(2, detail["history"]!.AsArray().Count);
        Assert.Equal(4, detail.Num("actual"));
    }

    /// <summary>One target × unit: a report a second with a rising value, each retried with its reportId until it gets an
    /// answer that is not a 5xx or a timeout; reports stop starting after the load's duration.</summary>
    private static async Task<List<Outcome>> RunKeyAsync(HttpClient http, string target, string unit, string runId, Stopwatch load, ConcurrentQueue<string> notUnavailable)
    {
        var outcomes = new List<Outcome>();
        // Spread the keys over the second so the load is steady, not 20 at once.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)ReportInterval.TotalMilliseconds)));
        for (var i = 1; load.Elapsed < LoadDuration; i++)
        {
            var next = load.Elapsed + ReportInterval;
            var reportId = $"cl-{runId}-{target}-{unit}-{i.ToString(CultureInfo.InvariantCulture)}";
            var started = Stopwatch.GetTimestamp();
            long? firstFailure = null;
            var attempts = 0;
            var status = 0;
            var last = "";
            while (true)
            {
                attempts++;
                try
                {
                    using var response = await PostAsync(http, reportId, target, unit, i);
                    status = (int)response.StatusCode;
                    last = await response.Content.ReadAsStringAsync();
                    if (status < 500) break;
                    if (status != 503 || response.Headers.RetryAfter is null) notUnavailable.Enqueue($"{status} {last}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    status = 0;
                    last = e.GetType().Name + ": " + e.Message;
                }
                firstFailure ??= Stopwatch.GetTimestamp();
                if (Stopwatch.GetElapsedTime(started) > RetryFor) break;
                await Task.Delay(250);
            }
            outcomes.Add(new Outcome(target, unit, reportId, status, attempts, firstFailure, Stopwatch.GetTimestamp(), status is 200 or 201 ? "" : last));
            var wait = next - load.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
        return outcomes;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string reportId, string target, string unit, double value) =>
        http.PostAsync("/api/reports", new StringContent(KejiApi.Report(reportId, target, unit, value, asOf: AsOf).ToJsonString(), Encoding.UTF8, "application/json"));

    private static async Task<JsonNode> GetJsonAsync(HttpClient http, string path, string context)
    {
        using var response = await http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}\n{context}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<T?> WaitForAsync<T>(TimeSpan deadline, Func<T?> probe) where T : class =>
        await WaitForAsync(deadline, () => Task.FromResult(probe()));

    private static async Task<T?> WaitForAsync<T>(TimeSpan deadline, Func<Task<T?>> probe) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            try
            {
                if (await probe() is { } found) return found;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not answering yet.
            }
            await Task.Delay(250);
        }
        return null;
    }

    private KejiProcess StartSilo(string name, string database)
    {
        var ports = SiloPorts.Reserve();
        var silo = KejiProcess.StartSilo(Path.Combine(_directory, name), ports, ClockNow, servers.SiloArgs(_clusterId, database));
        _started.Add(silo);
        _ports[silo] = ports;
        return silo;
    }

    private KejiProcess StartWebNode()
    {
        var ports = FreePorts.Reserve(2);
        var web = KejiProcess.StartHost(ports[0], ports[1], ClockNow, servers.ClusterArgs(_clusterId));
        _started.Add(web);
        return web;
    }

    public void Dispose()
    {
        foreach (var process in _started) process.Dispose();
        KejiApiFactory.TryDelete(_directory);
    }

    /// <summary>What became of one report: its final status (0: no answer), how many attempts, when the first attempt
    /// failed and when it was accepted (<see cref="Stopwatch"/> timestamps).</summary>
    private sealed record Outcome(string Target, string Unit, string ReportId, int Status, int Attempts, long? FirstFailure, long AcceptedAt, string LastAnswer);
}
