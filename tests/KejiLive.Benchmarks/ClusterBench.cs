using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KejiLive.Grains;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Storage.Postgres;
using KejiLive.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace KejiLive.Benchmarks;

/// <summary>KejiLive as a cluster (issue 19): one web node (<c>KejiLive.Dashboard.Host</c>) in front of two silos, Redis
/// membership and reminders, PostgreSQL for everything accepted, each a separate process on loopback (the arguments of
/// ClusterTests). Measures durable reports/s through the web node against the same run's bare baseline (an in-process
/// silo calling <see cref="BenchCounterGrain"/>, one grain call + one PostgreSQL write, on the same database at the same
/// concurrency); report → hub (a SignalR client of the web node on <c>WatchTarget</c>, from the POST's 201 to the
/// <c>Changes</c> message carrying the reported value); and failover (kill -9 of the silo holding one target grain →
/// the first 2xx POST for that target × unit, and a WatchWall hub client's longest silence under a steady load across the
/// kill). Numbers are printed, never asserted.</summary>
internal static class ClusterBench
{
    private const string ClockNow = "2025-07-15T10:00:00+08:00";
    private const string AsOf = "2025-07-14";
    private const string ServiceId = "kejilive";
    private const string Quiet = "--Logging:LogLevel:Default=Warning";

    private static readonly TimeSpan HealthDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan HubDeadline = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FailoverDeadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan LoadBeforeKill = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan LoadAfterKill = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(IReadOnlyDictionary<string, string> settings)
    {
        var seconds = int.Parse(settings.GetValueOrDefault("seconds", "10"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(settings.GetValueOrDefault("concurrency", "32"), CultureInfo.InvariantCulture);
        var rounds = 3 * seconds;
        Console.WriteLine($"== Cluster: one web node → two silos, PostgreSQL storage, Redis membership; {seconds} s at concurrency {concurrency}, " +
            $"{rounds} report→hub rounds, clock {ClockNow} ==");

        await using var redis = await RedisServer.StartAsync();
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync("bench");
        var bare = await BaselineAsync(database, seconds, concurrency);

        var clusterId = "keji-bench-" + Guid.NewGuid().ToString("N")[..8];
        string[] clusterArgs =
        [
            "--Orleans:Clustering:ProviderType", "Redis", "--Orleans:Reminders:ProviderType", "Redis",
            "--ConnectionStrings:redis", redis.ConnectionString, "--Orleans:ClusterId", clusterId, Quiet,
        ];
        string[] siloArgs =
        [
            .. clusterArgs, "--Storage:Provider", "Postgres", "--ConnectionStrings:postgres", database, "--Orleans:AdvertisedIP", "127.0.0.1",
        ];
        var directory = Directory.CreateTempSubdirectory("keji-cluster-bench-");
        var siloPorts = new List<SiloPorts>();
        var silos = new List<KejiProcess>();
        KejiProcess? web = null;
        try
        {
            var started = Stopwatch.StartNew();
            for (var i = 0; i < 2; i++)
            {
                var ports = SiloPorts.Reserve();
                siloPorts.Add(ports);
                var silo = KejiProcess.StartSilo(Path.Combine(directory.FullName, $"silo-{i + 1}"), ports, ClockNow, siloArgs);
                silos.Add(silo);
                await silo.WaitHealthyAsync(HealthDeadline);
            }
            var webPorts = FreePorts.Reserve(2);
            web = KejiProcess.StartHost(webPorts[0], webPorts[1], ClockNow, clusterArgs);
            await web.WaitHealthyAsync(HealthDeadline);
            Console.WriteLine($"cluster up (2 silos, then the web node, each /health 200): {started.Elapsed.TotalSeconds:F1} s");

            using var http = web.CreateClient(timeout: TimeSpan.FromSeconds(30));
            // The load starts once the plan is judged (/health Healthy, as ScaleBench waits), not during the first sweep.
            var judged = Stopwatch.StartNew();
            while (judged.Elapsed < HealthDeadline)
            {
                using var health = await http.GetAsync("/health");
                if ((await health.Content.ReadAsStringAsync()).Contains("\"Healthy\"", StringComparison.Ordinal)) break;
                await Task.Delay(100);
            }
            Console.WriteLine($"plan judged (web node /health Healthy): {started.Elapsed.TotalSeconds:F1} s");
            var keys = await CountKeysAsync(http);
            var next = new long[keys.Length];
            var runId = Guid.NewGuid().ToString("N")[..8];

            var reports = await ReportsAsync(http, keys, next, runId, seconds, concurrency);
            Console.WriteLine($"durable reports/s through the web node vs bare write/s: {reports:F0} / {bare:F0} = {reports / bare:P0}");

            // The hub and the failover use the first key: it is active (the load reported on it), and one key is enough.
            await HubAsync(web, http, keys, next, runId, rounds);
            await FailoverAsync(redis, clusterId, silos, siloPorts, keys, next, runId, web);
        }
        finally
        {
            web?.Dispose();
            foreach (var silo in silos) silo.Dispose();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The same run's baseline: an in-process silo (localhost clustering on free ports) with the PostgreSQL grain
    /// storage on the benchmark's database, <paramref name="concurrency"/> callers of <see cref="BenchCounterGrain"/>
    /// (one grain call + one storage write each), as GrainBench does for SQLite.</summary>
    private static async Task<double> BaselineAsync(string database, int seconds, int concurrency)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Not between the result lines: the ServerGC notes, and the watchdog's first check (it has reported hours since a
        // participant check that never ran).
        builder.Logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        var ports = FreePorts.Reserve(2);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(ports[0], ports[1])
            .AddPostgresGrainStorage(StorageNames.Keji, o => o.ConnectionString = database));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var rate = await MeasureAsync("bare grain call + PostgreSQL write (in-process silo, same database)", seconds, concurrency, async (caller, n) =>
        {
            await grains.GetGrain<IBenchCounterGrain>((caller + n * concurrency) % 500).IncrementAsync();
            return null;
        });
        await host.StopAsync();
        return rate;
    }

    /// <summary>Every target × unit of the plan's count targets (values only go up, so each report is accepted).</summary>
    private static async Task<(string Target, string Unit)[]> CountKeysAsync(HttpClient http)
    {
        var plan = await http.GetFromJsonAsync<JsonElement>("/api/plan");
        return
        [
            .. from t in plan.GetProperty("targets").EnumerateArray()
               where string.Equals(t.GetProperty("kind").GetString(), "count", StringComparison.OrdinalIgnoreCase)
               from s in t.GetProperty("split").EnumerateArray()
               select (t.GetProperty("id").GetString()!, s.GetProperty("unit").GetString()!),
        ];
    }

    /// <summary>Durable reports through the web node: <c>POST /api/reports</c> at <paramref name="concurrency"/>, each
    /// caller owning its keys (caller c: keys c, c + callers, …) so that its values arrive in order.</summary>
    private static async Task<double> ReportsAsync(HttpClient http, (string Target, string Unit)[] keys, long[] next, string runId, int seconds, int concurrency)
    {
        var callers = Math.Min(concurrency, keys.Length);
        if (callers < concurrency) Console.WriteLine($"  only {keys.Length} count target × unit: {callers} callers instead of {concurrency}");
        return await MeasureAsync("durable reports via the web node (POST /api/reports → 2 silos → PostgreSQL)", seconds, callers, async (caller, n) =>
        {
            var owned = (keys.Length - caller + callers - 1) / callers;
            var i = caller + (int)(n % owned) * callers;
            var value = ++next[i];
            using var response = await PostAsync(http, runId, keys[i], value);
            return response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK
                ? null
                : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        });
    }

    /// <summary>Report → hub: a SignalR client of the web node watches the first key's target; per round one report on
    /// that key (spaced beyond the 500 ms merge window), timed from its 201 to the first <c>Changes</c> message whose
    /// per-unit snapshot carries the reported value. A message that arrives before the 201 (the change can leave the silo
/// before the HTTP answer reaches the client) counts as 0 ms; the time from sending the POST is printed beside.</summary>
    private static async Task HubAsync(KejiProcess web, HttpClient http, (string Target, string Unit)[] keys, long[] next, string runId, int rounds)
    {
        var (target, unit) = keys[0];
        var seen = new ConcurrentDictionary<double, long>();
        await using var hub = Hub(web);
        hub.On<JsonElement>("Changes", update =>
        {
            var at = Stopwatch.GetTimestamp();
            if (!update.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Array) return;
            foreach (var t in targets.EnumerateArray())
            {
                if (t.GetProperty("target").GetString() == target && t.GetProperty("unit").GetString() == unit)
                {
                    seen.TryAdd(t.GetProperty("actual").GetDouble(), at);
                }
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("WatchTarget", target);
        await Task.Delay(1500); // let changes of the load drain

        var afterCreated = new List<double>(rounds);
        var afterSent = new List<double>(rounds);
        var early = 0;
        for (var round = 0; round < rounds; round++)
        {
            var value = ++next[0];
            var sent = Stopwatch.GetTimestamp();
            using (var response = await PostAsync(http, runId, keys[0], value))
            {
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"report→hub round {round}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            var created = Stopwatch.GetTimestamp();
            var deadline = created + (long)(HubDeadline.TotalSeconds * Stopwatch.Frequency);
            long arrival;
            while (!seen.TryGetValue(value, out arrival) && Stopwatch.GetTimestamp() < deadline) await Task.Delay(2);
            if (seen.ContainsKey(value))
            {
                if (arrival < created) early++;
                afterCreated.Add(Math.Max(0, Stopwatch.GetElapsedTime(created, arrival).TotalMilliseconds));
                afterSent.Add(Stopwatch.GetElapsedTime(sent, arrival).TotalMilliseconds);
            }
            await Task.Delay(650); // past the 500 ms merge window, so the next change leaves at once
        }
        var fromCreated = afterCreated.Order().ToArray();
        var fromSent = afterSent.Order().ToArray();
        Console.WriteLine($"report→hub (201 → Changes on WatchTarget {target}, {unit}): p50 {P(fromCreated, 0.50):F1} ms, p99 {P(fromCreated, 0.99):F1} ms " +
            $"({fromCreated.Length} of {rounds} seen within {HubDeadline.TotalSeconds:F0} s; {early} arrived before their 201, counted as 0 ms) | " +
            $"from sending the POST: p50 {P(fromSent, 0.50):F1} ms, p99 {P(fromSent, 0.99):F1} ms");
    }

    /// <summary>Asks the cluster (an Orleans client on its Redis membership) which silo holds the first key's target
    /// grain, kills that silo with kill -9, and POSTs a report for that target × unit (the same reportId on every attempt)
    /// until one gets a 2xx. Meanwhile a steady load (a report a second on each of up to 20 other keys, from
    /// <see cref="LoadBeforeKill"/> before the kill until <see cref="LoadAfterKill"/> after it) feeds a SignalR client on
    /// <c>WatchWall</c>: kill → its first change, and its longest silence from the kill to the end of the load (the
    /// cluster issue's "changes again within 5 s").</summary>
    private static async Task FailoverAsync(RedisServer redis, string clusterId, List<KejiProcess> silos, List<SiloPorts> siloPorts,
        (string Target, string Unit)[] keys, long[] next, string runId, KejiProcess web)
    {
        var (target, unit) = keys[0];
        var holder = await HolderAsync(redis, clusterId, GrainKeys.Target(target, unit));
        var index = siloPorts.FindIndex(p => p.Silo == holder.Endpoint.Port);
        if (index < 0) throw new InvalidOperationException($"{target} × {unit} is held by {holder}, which is neither silo ({string.Join(", ", siloPorts)})");

        var changes = new ConcurrentQueue<long>();
        await using var hub = Hub(web);
        hub.On<JsonElement>("Changes", _ => changes.Enqueue(Stopwatch.GetTimestamp()));
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("WatchWall");

        var value = ++next[0];
        var reportId = ReportId(runId, keys[0], value);
        using var http = web.CreateClient(timeout: TimeSpan.FromSeconds(10));
        var loadEnd = Stopwatch.GetTimestamp() + (long)((LoadBeforeKill + LoadAfterKill).TotalSeconds * Stopwatch.Frequency);
        var loaded = Enumerable.Range(1, Math.Min(20, keys.Length - 1)).ToArray();
        var load = Task.WhenAll(loaded.Select(i => SteadyAsync(http, runId, keys[i], () => ++next[i], loadEnd)));
        await Task.Delay(LoadBeforeKill);
        var kill = Stopwatch.GetTimestamp();
        silos[index].KillHard();
        var attempts = 0;
        var failures = new List<string>();
        var accepted = false;
        while (Stopwatch.GetElapsedTime(kill) < FailoverDeadline)
        {
            attempts++;
            try
            {
                using var response = await PostReportAsync(http, reportId, keys[0], value);
                if (response.IsSuccessStatusCode)
                {
                    accepted = true;
                    break;
                }
                failures.Add(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.Add(e is TaskCanceledException ? "timeout" : "no answer");
            }
            await Task.Delay(50);
        }
        var elapsed = Stopwatch.GetElapsedTime(kill);
        var failed = failures.Count == 0 ? "none failed" : string.Join(", ", failures.GroupBy(f => f).Select(g => $"{g.Count()}× {g.Key}")) + " before it";
        Console.WriteLine(accepted
            ? $"failover: kill -9 of silo-{index + 1} (held {target} × {unit}) → first 2xx POST for it: {elapsed.TotalMilliseconds:F0} ms ({attempts} attempts; {failed})"
            : $"failover: kill -9 of silo-{index + 1} (held {target} × {unit}) → no 2xx POST for it within {FailoverDeadline.TotalSeconds:F0} s ({attempts} attempts; {failed})");

        var perKey = await load;
        var (sent, refused) = (perKey.Sum(k => k.Sent), perKey.Sum(k => k.Refused));
        var after = changes.Where(t => t > kill).Order().ToList();
        if (after.Count == 0)
        {
            Console.WriteLine($"failover: the WatchWall hub client received no change in the {LoadAfterKill.TotalSeconds:F0} s of load after the kill ({sent} reports, {refused} never accepted)");
            return;
        }
        var firstGap = Stopwatch.GetElapsedTime(kill, after[0]);
        var silence = after.Zip(after.Skip(1).Append(Math.Max(loadEnd, after[^1])), (a, b) => Stopwatch.GetElapsedTime(a, b)).Prepend(firstGap).Max();
        Console.WriteLine($"failover: kill -9 → first change on a WatchWall hub client: {firstGap.TotalMilliseconds:F0} ms; longest silence from the kill " +
            $"to the end of the load: {silence.TotalMilliseconds:F0} ms (goal ≤ 5,000 ms; {after.Count} messages; {loaded.Length} keys × a report a second, " +
            $"{sent} reports, {refused} never accepted)");
    }

    /// <summary>A report a second on one key until <paramref name="until"/> (a <see cref="Stopwatch"/> timestamp), each
    /// retried with its reportId while the answer is a 5xx or none; returns how many were sent and how many never got a
    /// 2xx.</summary>
    private static async Task<(int Sent, int Refused)> SteadyAsync(HttpClient http, string runId, (string Target, string Unit) key, Func<long> nextValue, long until)
    {
        await Task.Delay(Random.Shared.Next(0, 1000)); // spread the keys over the second
        var (sent, refused) = (0, 0);
        while (Stopwatch.GetTimestamp() < until)
        {
            var started = Stopwatch.GetTimestamp();
            var value = nextValue();
            var reportId = ReportId(runId, key, value);
            sent++;
            var ok = false;
            while (!ok && Stopwatch.GetTimestamp() < until + (long)(FailoverDeadline.TotalSeconds * Stopwatch.Frequency))
            {
                try
                {
                    using var response = await PostReportAsync(http, reportId, key, value);
                    ok = response.IsSuccessStatusCode;
                    if (!ok && (int)response.StatusCode < 500) break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // No answer yet: retried below.
                }
                if (!ok) await Task.Delay(250);
            }
            if (!ok) refused++;
            var wait = TimeSpan.FromSeconds(1) - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
        return (sent, refused);
    }

    /// <summary>The silo where the target grain <paramref name="key"/> is active, from Orleans' management grain through a
    /// short-lived client of the cluster (stopped again before the kill).</summary>
    private static async Task<SiloAddress> HolderAsync(RedisServer redis, string clusterId, string key)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .UseRedisClustering(redis.ConnectionString)
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = ServiceId;
            }));
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var holder = await grains.GetGrain<IManagementGrain>(0).GetActivationAddress(grains.GetGrain<ITargetGrain>(key));
        await host.StopAsync();
        return holder ?? throw new InvalidOperationException($"the target grain {key} is not active on any silo");
    }

    /// <summary>A SignalR client of the web node's live hub, as the wall connects (WebSockets, the admin token).</summary>
    private static HubConnection Hub(KejiProcess web) => new HubConnectionBuilder()
        .WithUrl(new Uri(web.BaseAddress, "/hubs/live"), o =>
        {
            o.SkipNegotiation = true;
            o.Transports = HttpTransportType.WebSockets;
            o.AccessTokenProvider = () => Task.FromResult<string?>(KejiProcess.AdminToken);
        })
        .Build();

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string runId, (string Target, string Unit) key, long value) =>
        PostReportAsync(http, ReportId(runId, key, value), key, value);

    private static Task<HttpResponseMessage> PostReportAsync(HttpClient http, string reportId, (string Target, string Unit) key, long value) =>
        http.PostAsJsonAsync("/api/reports", new { reportId, target = key.Target, unit = key.Unit, asOf = AsOf, value });

    private static string ReportId(string runId, (string Target, string Unit) key, long value) =>
        string.Create(CultureInfo.InvariantCulture, $"cb-{runId}-{key.Target}-{key.Unit}-{value}");

    /// <summary>Runs <paramref name="call"/> from <paramref name="callers"/> callers for <paramref name="seconds"/>; a call
    /// returns null when it succeeded, else why not. Prints the rate of successes and their latencies; returns the rate.</summary>
    private static async Task<double> MeasureAsync(string name, int seconds, int callers, Func<int, long, Task<string?>> call)
    {
        var latencies = new List<double>[callers];
        var failures = new ConcurrentQueue<string>();
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async c =>
        {
            var mine = latencies[c] = [];
            for (long n = 0; Stopwatch.GetTimestamp() < until; n++)
            {
                var t = Stopwatch.GetTimestamp();
                if (await call(c, n) is { } failure) failures.Enqueue(failure);
                else mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var rate = all.Length / sw.Elapsed.TotalSeconds;
        var failed = failures.IsEmpty ? "" : $"; {failures.Count} failed, first: {failures.First()}";
        Console.WriteLine($"{name}: {all.Length} in {sw.Elapsed.TotalSeconds:F1} s = {rate:F0}/s; p50 {P(all, 0.50):F2} ms, p99 {P(all, 0.99):F2} ms ({callers} callers{failed})");
        return rate;
    }

    private static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * q))];
}
