using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KejiLive.Testing;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace KejiLive.Benchmarks;

/// <summary>National scale on one silo (issue 13): a generated plan of N county-level units × T main count targets
/// (<see cref="ScalePlan"/>, deterministic), the real silo process with embedded storage, and what a user and an operator
/// meet: start to /health 200, the first complete judgement, GET latencies, the wall snapshot's time and size, how long
/// the city roll-up and the ranking take to reflect one report per unit, peak RSS and CPU when idle. One row per N
/// (<c>units=20,200,2850</c>), so the growth curve shows. Numbers are printed, never asserted.</summary>
public static class ScaleBench
{
    private const string ClockNow = "2025-07-15T10:00:00+08:00";

    public static async Task RunAsync(IReadOnlyDictionary<string, string> settings)
    {
        var sizes = settings.GetValueOrDefault("units", "20,200,2850").Split(',').Select(int.Parse).ToArray();
        var targets = int.Parse(settings.GetValueOrDefault("targets", "16"), CultureInfo.InvariantCulture);
        var concurrency = int.Parse(settings.GetValueOrDefault("concurrency", "32"), CultureInfo.InvariantCulture);
        var idleSeconds = int.Parse(settings.GetValueOrDefault("idle", "10"), CultureInfo.InvariantCulture);
        Console.WriteLine($"== National scale on one silo: {targets} count targets × units, embedded SQLite, clock {ClockNow}, " +
            $"one report per unit at concurrency {concurrency}, idle CPU over {idleSeconds} s ==");
        Console.WriteLine("units | pairs | start→/health | first full judgement | GET /api/targets/{t} p50/p99 (size) | GET /api/units/{u} p50/p99 | " +
            "WatchWall snapshot time (size) | GET /api/plan plain / br | roll-up+ranking lag after last 201 | reports/s vs GET /health/s (ratio) | RSS peak | idle CPU");
        foreach (var units in sizes) Console.WriteLine(await MeasureAsync(units, targets, concurrency, idleSeconds));
    }

    private static async Task<string> MeasureAsync(int units, int targets, int concurrency, int idleSeconds)
    {
        var directory = Directory.CreateTempSubdirectory("keji-scale-");
        try
        {
            var planPath = Path.Combine(directory.FullName, "plan.json");
            await File.WriteAllTextAsync(planPath, ScalePlan.Json(units, targets: targets));
            var ports = SiloPorts.Reserve();
            var started = Stopwatch.StartNew();
            using var silo = KejiProcess.StartSilo(Path.Combine(directory.FullName, "data"), ports, ClockNow, "--Plan:File", planPath);
            await silo.WaitHealthyAsync(TimeSpan.FromMinutes(5));
            var health = started.Elapsed;
            using var http = silo.CreateClient(timeout: TimeSpan.FromMinutes(2));
            var judged = await UntilAsync(async () => (await http.GetStringAsync("/health")).Contains("\"Healthy\"", StringComparison.Ordinal), TimeSpan.FromMinutes(10));
            var firstJudgement = started.Elapsed;

            var target = ScalePlan.TargetId(0);
            var (targetTimes, targetBytes) = await TimeGetsAsync(http, Enumerable.Repeat($"/api/targets/{target}", 10));
            var rng = new Random(7);
            var (unitTimes, _) = await TimeGetsAsync(http, Enumerable.Range(0, 30).Select(_ => $"/api/units/{ScalePlan.Unit(rng.Next(1, units + 1))}"));
            var (wallTime, wallBytes) = await WallSnapshotAsync(silo.BaseAddress);
            var (planPlain, planBr) = await PlanSizesAsync(silo);

            var (lastCreated, reportsPerSecond, expectedSum) = await ReportEveryUnitAsync(http, units, target, concurrency);
            var lag = await UntilAsync(async () => await ReflectsAsync(http, target, units, expectedSum), TimeSpan.FromMinutes(5));
            var lagText = lag ? $"{(Stopwatch.GetElapsedTime(lastCreated).TotalSeconds):0.0} s" : "not within 5 min";

            var healthPerSecond = await HealthRateAsync(http, concurrency, TimeSpan.FromSeconds(3));
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idle = await CpuShareAsync(silo.Id, TimeSpan.FromSeconds(idleSeconds));
            var rss = PeakRssMiB(silo.Id);
            return string.Create(CultureInfo.InvariantCulture,
                $"{units} | {units * targets} | {health.TotalSeconds:0.0} s | {(judged ? $"{firstJudgement.TotalSeconds:0.0} s" : "not within 10 min")} | " +
                $"{P(targetTimes, 50):0} / {P(targetTimes, 99):0} ms ({targetBytes / 1024} KiB) | {P(unitTimes, 50):0.0} / {P(unitTimes, 99):0.0} ms | " +
                $"{wallTime:0} ms ({wallBytes / 1024} KiB) | {planPlain / 1024} / {planBr / 1024} KiB | {lagText} | {reportsPerSecond:0} vs {healthPerSecond:0} ({reportsPerSecond / healthPerSecond:0.00}) | {rss:0} MiB | {idle:0.0}%");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(List<double> Ms, long Bytes)> TimeGetsAsync(HttpClient http, IEnumerable<string> paths)
    {
        var times = new List<double>();
        long bytes = 0;
        foreach (var path in paths)
        {
            var t = Stopwatch.GetTimestamp();
            var body = await http.GetByteArrayAsync(path);
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            bytes = body.Length;
        }
        return (times, bytes);
    }

    /// <summary>Connects a SignalR client the way a wall does and times <c>WatchWall</c> (the snapshot), reporting its size
    /// as JSON.</summary>
    private static async Task<(double Ms, long Bytes)> WallSnapshotAsync(Uri baseAddress)
    {
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/live"), o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                o.AccessTokenProvider = () => Task.FromResult<string?>(KejiProcess.AdminToken);
            })
            .Build();
        hub.ServerTimeout = TimeSpan.FromMinutes(2);
        await hub.StartAsync();
        var t = Stopwatch.GetTimestamp();
        var snapshot = await hub.InvokeAsync<JsonElement>("WatchWall");
        var ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        return (ms, JsonSerializer.SerializeToUtf8Bytes(snapshot).LongLength);
    }

    private static async Task<(long Plain, long Brotli)> PlanSizesAsync(KejiProcess silo)
    {
        using var raw = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = silo.BaseAddress };
        raw.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KejiProcess.AdminToken);
        var plain = (await raw.GetByteArrayAsync("/api/plan")).LongLength;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/plan");
        request.Headers.AcceptEncoding.ParseAdd("br");
        using var response = await raw.SendAsync(request);
        var br = (await response.Content.ReadAsByteArrayAsync()).LongLength;
        return (plain, br);
    }

    /// <summary>One report per unit on <paramref name="target"/> (half the unit's share, as of 30 June), at most
    /// <paramref name="concurrency"/> in flight; returns when the last 201 arrived, the rate, and the sum reported.</summary>
    private static async Task<(long LastCreated, double PerSecond, double Sum)> ReportEveryUnitAsync(HttpClient http, int units, string target, int concurrency)
    {
        var values = Enumerable.Range(1, units).Select(i => Math.Ceiling(ScalePlan.Share(units, 0, i) / 2.0)).ToArray();
        long lastCreated = 0;
        var next = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var i && i <= units)
            {
                using var response = await http.PostAsJsonAsync("/api/reports", new
                {
                    reportId = $"scale-{i}", target, unit = ScalePlan.Unit(i), asOf = "2025-06-30", value = values[i - 1],
                });
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"report {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                Interlocked.Exchange(ref lastCreated, Stopwatch.GetTimestamp());
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (lastCreated, units / seconds, values.Sum());
    }

    /// <summary>The same run's baseline for the HTTP ingest rate: <c>GET /health</c> answered per second at
    /// <paramref name="concurrency"/> (the host's request path without the report's work).</summary>
    private static async Task<double> HealthRateAsync(HttpClient http, int concurrency, TimeSpan span)
    {
        var done = 0;
        var until = Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                using var response = await http.GetAsync("/health");
                response.EnsureSuccessStatusCode();
                Interlocked.Increment(ref done);
            }
        }));
        return done / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<bool> ReflectsAsync(HttpClient http, string target, int units, double sum)
    {
        var city = await http.GetFromJsonAsync<JsonElement>($"/api/targets/{target}?limit=1");
        if (city.GetProperty("unitsReporting").GetInt32() != units) return false;
        if (Math.Abs(city.GetProperty("city").GetProperty("actual").GetDouble() - sum) > 1e-6) return false;
        var ranking = await http.GetFromJsonAsync<JsonElement>("/api/ranking");
        return ranking.GetProperty("units").EnumerateArray().Count(u => u.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number && s.GetDouble() > 0) == units;
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(50);
        }
        return false;
    }

    /// <summary>CPU used by the process over <paramref name="span"/>, in % of one core (from /proc/PID/stat).</summary>
    private static async Task<double> CpuShareAsync(int pid, TimeSpan span)
    {
        var before = CpuTicks(pid);
        await Task.Delay(span);
        var after = CpuTicks(pid);
        const double ticksPerSecond = 100; // USER_HZ on Linux
        return (after - before) / ticksPerSecond / span.TotalSeconds * 100;
    }

    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    private static double PeakRssMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
    }
}
