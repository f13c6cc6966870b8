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
        var ingestSeconds = double.Parse(settings.GetValueOrDefault("ingest", "3"), CultureInfo.InvariantCulture);
        var trace = settings.GetValueOrDefault("trace");
        WarmUp = TimeSpan.FromSeconds(double.Parse(settings.GetValueOrDefault("warmup", "60"), CultureInfo.InvariantCulture));
        var storedToken = settings.GetValueOrDefault("token", "stored") switch
        {
            "stored" => true,
            "config" => false,
            var other => throw new ArgumentException($"token must be stored or config, not {other}"),
        };
        Console.WriteLine($"== National scale on one silo: {targets} count targets × units, embedded SQLite, clock {ClockNow}, " +
            $"one report per unit at concurrency {concurrency}, then {ingestSeconds:0.#} s of steady reports and of /health ({(storedToken ? "a stored" : "the configured")} admin token), idle CPU over {idleSeconds} s ==");
        Console.WriteLine("units | pairs | start→/health | first full judgement | GET /api/targets/{t} p50/p99 (size) | GET /api/units/{u} p50/p99 | " +
            "WatchWall snapshot time (size) | GET /api/plan plain / br | roll-up+ranking lag after last 201 | one per unit: reports/s | steady: reports/s vs GET /health/s (ratio); silo CPU per report vs per /health (ratio) | RSS peak | idle CPU");
        foreach (var units in sizes)
        {
            var traceFile = trace is null ? null : sizes.Length == 1 ? trace : $"{trace}-{units}";
            Console.WriteLine(await MeasureAsync(units, targets, concurrency, idleSeconds, ingestSeconds, traceFile, storedToken));
        }
    }

    private static async Task<string> MeasureAsync(int units, int targets, int concurrency, int idleSeconds, double ingestSeconds, string? trace, bool storedToken)
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

            // Reporters send a stored token (kl_…, checked by the token grain), not the configured admin token.
            using var steadyHttp = storedToken ? silo.CreateClient(await StoredAdminTokenAsync(http), TimeSpan.FromMinutes(2)) : null;
            var steady = await SteadyRatesAsync(steadyHttp ?? http, silo.Id, units, targets, concurrency, TimeSpan.FromSeconds(ingestSeconds), trace);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idle = await CpuShareAsync(silo.Id, TimeSpan.FromSeconds(idleSeconds));
            var rss = PeakRssMiB(silo.Id);
            return string.Create(CultureInfo.InvariantCulture,
                $"{units} | {units * targets} | {health.TotalSeconds:0.0} s | {(judged ? $"{firstJudgement.TotalSeconds:0.0} s" : "not within 10 min")} | " +
                $"{P(targetTimes, 50):0} / {P(targetTimes, 99):0} ms ({targetBytes / 1024} KiB) | {P(unitTimes, 50):0.0} / {P(unitTimes, 99):0.0} ms | " +
                $"{wallTime:0} ms ({wallBytes / 1024} KiB) | {planPlain / 1024} / {planBr / 1024} KiB | {lagText} | {reportsPerSecond:0} | {steady.Reports:0} vs {steady.Health:0} ({steady.Reports / steady.Health:0.00}) after {steady.WarmUpSeconds:0} s warm-up; CPU {steady.ReportCpuMs:0.00} vs {steady.HealthCpuMs:0.00} ms ({steady.HealthCpuMs / steady.ReportCpuMs:0.00}) | {rss:0} MiB | {idle:0.0}%");
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

    /// <summary>Durable ingest over HTTP in a steady state against the same run's <c>GET /health</c> rate, both at
    /// <paramref name="concurrency"/>: reports to warm the path up until the JIT is done with it (at most <see cref="WarmUp"/>;
    /// not counted),
    /// then <c>/health</c>, reports and <c>/health</c> again for <paramref name="span"/> each (the health rate is the mean
    /// of both, so load that changes during the run weighs on both sides). Beside the rates, the silo's CPU time per
    /// request (from /proc): on a machine shared with other work it moves far less than the rates do. The reports go to every target but the first
    /// (whose roll-up the lag measure checked), each target × unit in turn with a later asOf and a higher cumulative
    /// value than its last. With <paramref name="trace"/>, dotnet-trace (or perf, for a name ending in .perf) samples the
    /// silo during the counted reports.</summary>
    private static async Task<Steady> SteadyRatesAsync(HttpClient http, int pid, int units, int targets, int concurrency,
        TimeSpan span, string? trace)
    {
        var pairs = (targets - 1) * units;
        var sent = 0;
        var warmedUp = Stopwatch.StartNew();
        if (pairs > 0)
        {
            // Until the JIT is done with the report path: the silo is seconds old, and its tiered compiler recompiles hot
            // code for a minute or more on a loaded 2-core machine (40% of the silo's CPU in a perf profile after 15 s).
            // On a loaded machine the compiler thread may get no CPU for a second: at least 10 s, then 3 quiet seconds in a row.
            var quiet = 0;
            do
            {
                var jit = JitTicks(pid);
                await ReportRateAsync(http, concurrency, TimeSpan.FromSeconds(1), pairs, units, () => Interlocked.Increment(ref sent) - 1);
                quiet = JitTicks(pid) - jit <= 5 ? quiet + 1 : 0; // ≤ 5% of a core over that second
            }
            while ((quiet < 3 || warmedUp.Elapsed < TimeSpan.FromSeconds(10)) && warmedUp.Elapsed < WarmUp
                && Volatile.Read(ref sent) < 60 * pairs); // days left for the counted reports
        }
        var warmUpSeconds = warmedUp.Elapsed.TotalSeconds;
        var before = await MeasuredAsync(pid, () => HealthRateAsync(http, concurrency, span));
        if (pairs == 0) return new Steady(double.NaN, before.Rate, double.NaN, before.CpuMs, 0);
        using var tracer = trace is null ? null : StartTrace(pid, trace, span + TimeSpan.FromSeconds(1));
        // The report's CPU includes what it set off after its 201 (publication, alerts): counted up to 1 s after the last.
        var reports = await MeasuredAsync(pid, async () =>
        {
            var rate = await ReportRateAsync(http, concurrency, span, pairs, units, () => Interlocked.Increment(ref sent) - 1);
            await Task.Delay(TimeSpan.FromSeconds(1));
            return rate;
        });
        if (tracer is not null) await tracer.WaitForExitAsync();
        var after = await MeasuredAsync(pid, () => HealthRateAsync(http, concurrency, span));
        return new Steady(reports.Rate, (before.Rate + after.Rate) / 2, reports.CpuMs, (before.CpuMs + after.CpuMs) / 2, warmUpSeconds);
    }

    /// <summary>Requests per second, and the silo's CPU time per request in ms (less disturbed by other load on the
    /// machine than the rate).</summary>
    private static async Task<(double Rate, double CpuMs)> MeasuredAsync(int pid, Func<Task<(double Rate, int Count)>> run)
    {
        var cpu = CpuTicks(pid);
        var (rate, count) = await run();
        return (rate, (CpuTicks(pid) - cpu) * 10.0 / Math.Max(1, count));
    }

    /// <summary>Longest warm-up: reports sent before the counted ones, second by second, for at least 10 s and until the
    /// silo's tiered compiler used at most 5% of a core in each of three seconds in a row.</summary>
    private static TimeSpan WarmUp = TimeSpan.FromSeconds(60);

    private sealed record Steady(double Reports, double Health, double ReportCpuMs, double HealthCpuMs, double WarmUpSeconds);

    /// <summary>CPU ticks (1/100 s) used so far by the runtime's tiered-compilation thread of <paramref name="pid"/>.</summary>
    private static long JitTicks(int pid)
    {
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith(".NET Tiered", StringComparison.Ordinal)) continue;
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The thread ended meanwhile (it does when it has nothing to do).
            }
        }
        return 0;
    }

    private static async Task<string> StoredAdminTokenAsync(HttpClient http)
    {
        using var created = await http.PostAsJsonAsync("/api/tokens", new { name = "规模测试", role = "admin", expiresInDays = 1 });
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>Reports for <paramref name="span"/> at <paramref name="concurrency"/>; report number n goes to target × unit
    /// pair n mod <paramref name="pairs"/> (targets 1…, units 1…), round n / pairs dated that many days after 1 January.</summary>
    private static async Task<(double Rate, int Count)> ReportRateAsync(HttpClient http, int concurrency, TimeSpan span, int pairs, int units, Func<int> next)
    {
        var done = 0;
        var until = Stopwatch.GetTimestamp() + (long)(span.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        var firstDay = new DateOnly(2025, 1, 1);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                var n = next();
                var (pair, round) = (n % pairs, n / pairs);
                // Each pair takes one report per day up to the clock's date (15 July): a small plan (the smoke test's 20
                // pairs) runs out of days before the span ends at today's rates; the rate is then over the time it ran.
                if (round > 195) break;
                using var response = await http.PostAsJsonAsync("/api/reports", new
                {
                    reportId = $"steady-{n}", target = ScalePlan.TargetId(1 + pair / units), unit = ScalePlan.Unit(1 + pair % units),
                    asOf = firstDay.AddDays(round).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), value = round,
                });
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"steady report {n}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                Interlocked.Increment(ref done);
            }
        }));
        return (done / Stopwatch.GetElapsedTime(started).TotalSeconds, done);
    }

    /// <summary>dotnet-trace (from ~/.dotnet/tools or PATH) sampling thread stacks of <paramref name="pid"/> for
    /// <paramref name="duration"/> into <paramref name="output"/>, as nettrace and speedscope; waits until it is attached.</summary>
    private static Process StartTrace(int pid, string output, TimeSpan duration)
    {
        if (output.EndsWith(".perf", StringComparison.Ordinal)) return StartPerf(pid, output, duration);
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace");
        var info = new ProcessStartInfo(File.Exists(tool) ? tool : "dotnet-trace") { RedirectStandardOutput = true, RedirectStandardError = true };
        // KEJI_TRACE_PROFILE picks another dotnet-trace profile (e.g. dotnet-common: JIT, GC and loader events).
        var profile = Environment.GetEnvironmentVariable("KEJI_TRACE_PROFILE") is { Length: > 0 } p ? p : "dotnet-sampled-thread-time";
        foreach (var a in new[] { "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "--profile", profile,
                     "--format", "Speedscope", "-o", output, "--duration", duration.ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info)!;
        var attached = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("Process", StringComparison.Ordinal) == true) attached.TrySetResult(); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        attached.Task.Wait(TimeSpan.FromSeconds(30));
        return process;
    }

    /// <summary>Linux perf sampling CPU stacks of <paramref name="pid"/> (run the benchmark with
    /// <c>DOTNET_PerfMapEnabled=1</c> so the silo writes /tmp/perf-PID.map for its JIT-compiled code).</summary>
    private static Process StartPerf(int pid, string output, TimeSpan duration)
    {
        var info = new ProcessStartInfo("perf") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "record", "-F", "499", "-g", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", output, "--",
                     "sleep", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Thread.Sleep(500);
        return process;
    }

    /// <summary>The same run's baseline for the HTTP ingest rate: <c>GET /health</c> answered per second at
    /// <paramref name="concurrency"/> (the host's request path without the report's work).</summary>
    private static async Task<(double Rate, int Count)> HealthRateAsync(HttpClient http, int concurrency, TimeSpan span)
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
        return (done / Stopwatch.GetElapsedTime(started).TotalSeconds, done);
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
