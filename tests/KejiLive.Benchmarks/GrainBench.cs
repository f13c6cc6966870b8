// Measures what issue 2 asks for, on one silo with the embedded SQLite storage (synchronous=FULL):
//   start-up to a fully judged plan, managed memory per target grain, durable reports/s through TargetGrain,
//   and the bare grain call + storage write rate in the same run (and the bare report-sized append: the same bytes
//   a report commits, without the domain or the publication).
// Run: dotnet run -c Release --project tests/KejiLive.Benchmarks -- mode=grains [seconds=5 callers=64 only=durable units=2850 targets=16]
//   store=memory keeps the report logs in memory: the CPU a report costs the grain side alone (not a durable figure);
//   warmup=S runs the durable reports S seconds unmeasured first (a warm JIT, as the baselines after it have).
using System.Diagnostics;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Grains;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Storage.Sqlite;
using KejiLive.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KejiLive.Benchmarks;

/// <summary>The grain-level measurements of the core issue.</summary>
internal static class GrainBench
{
    private static readonly ReportAuditContext BenchAudit = new() { Actor = "bench", Role = "unit", Address = "127.0.0.1" };

    public static async Task RunAsync(IReadOnlyDictionary<string, string> settings)
    {
        var seconds = int.Parse(settings.GetValueOrDefault("seconds", "5"), System.Globalization.CultureInfo.InvariantCulture);
        var callers = int.Parse(settings.GetValueOrDefault("callers", "64"), System.Globalization.CultureInfo.InvariantCulture);

        // units=N: the generated plan of issue 13 (N county units × targets=T count targets), so that reports spread over
        // many grains as a national deployment's do, instead of piling hundreds of reports onto each of the shipped
        // plan's 93 count grains.
        var units = int.Parse(settings.GetValueOrDefault("units", "0"), System.Globalization.CultureInfo.InvariantCulture);
        var plan = units > 0
            ? PlanLoader.Parse(ScalePlan.Json(units, targets: int.Parse(settings.GetValueOrDefault("targets", "16"), System.Globalization.CultureInfo.InvariantCulture)), "scale.json")
            : PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));
        var dir = Path.Combine(Path.GetTempPath(), "keji-bench-" + Guid.NewGuid().ToString("N"));
        var clock = new PlanClock(TimeProvider.System, new DateTimeOffset(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)));

        var started = Stopwatch.GetTimestamp();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // No contact points are configured here: every 督办 the reports open would log "No route" between the result lines.
        builder.Logging.AddFilter("KejiLive.Grains.Alerts", LogLevel.Error);
        // AddKejiGrains minus its start-up task: the first judgement is started by hand below so that memory can be read
        // between an empty silo and a fully judged one. The holidays are the year's file, as the silo loads them.
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton(HolidayCalendar.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", $"holidays-{plan.Year}.json")));
        // store=memory: the report logs in memory (registered before the SQLite provider, which then leaves them), so the
        // durable run shows what a report costs the grain side alone. Its figures are not durable ones.
        var memoryLog = settings.GetValueOrDefault("store") == "memory";
        using var memoryStore = memoryLog ? new MemoryReportLogStore() : null;
        if (memoryStore is not null) builder.Services.AddSingleton<KejiLive.Grains.Abstractions.Storage.IReportLogStore>(memoryStore);
        // Free loopback ports, never the defaults: a silo already running on this machine must not join the benchmark.
        var ports = FreePorts.Reserve(2);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(ports[0], ports[1])
            .AddSqliteGrainStorage(StorageNames.Keji, o => o.DatabasePath = Path.Combine(dir, "keji.db"))
            .AddKejiGrainServices(plan)
            // The first judgement below is one call; with tens of thousands of grains it runs for minutes.
            .Configure<Orleans.Configuration.SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(15)));
        using var host = builder.Build();
        await host.StartAsync();
        var hostStarted = Stopwatch.GetElapsedTime(started);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var judged = await grains.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(plan.Id)).JudgeNowAsync();
        var startup = hostStarted + judged.Elapsed;
        var targetUnits = plan.Targets.Sum(t => t.Assignments.Length);
        var memoryJudged = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"start-up to a fully judged plan: {startup.TotalMilliseconds:F0} ms (silo start {hostStarted.TotalMilliseconds:F0} ms + judging {judged.TargetUnits} target × unit {judged.Elapsed.TotalMilliseconds:F0} ms)");
        Console.WriteLine($"managed memory of the judged plan: +{(memoryJudged - memoryBefore) / 1024.0:F0} KiB for {targetUnits} target grains + {plan.Targets.Length} city + {plan.Units.Length} unit views = {(memoryJudged - memoryBefore) / (double)targetUnits / 1024:F1} KiB per target grain (views included, no reports yet)");

        // Durable reports through TargetGrain: count-kind grains, each caller owns its own grains so values only go up.
        var countKeys = plan.Targets.Where(t => t.Kind is TargetKind.Count)
            .SelectMany(t => t.Assignments.Select(a => GrainKeys.Target(t.Id, a.UnitId))).ToArray();
        // References made once, as the API keeps one per target × unit: GetGrain resolves the interface by reflection
        // and builds a proxy on every call, which is the caller's cost, not the report's (the baselines do the same).
        var targetGrains = countKeys.Select(k => grains.GetGrain<ITargetGrain>(k)).ToArray();
        var next = new long[countKeys.Length];
        var asOf = new DateOnly(2025, 6, 30);
        // warmup=S: the same reports for S seconds before the measured run, unmeasured, so that the run measures a warm
        // runtime (tiered JIT done) as the baselines after it do; 0 (the default) measures from a cold start.
        var warmup = int.Parse(settings.GetValueOrDefault("warmup", "0"), System.Globalization.CultureInfo.InvariantCulture);
        if (warmup > 0) await MeasureAsync("warm-up (not measured)", warmup, callers, Report, quiet: true);
        var reports = await MeasureAsync(memoryLog ? "reports via TargetGrain, report log in memory (grain side only, not durable)" : "durable reports via TargetGrain", seconds, callers, Report);

        async Task Report(int caller, long n)
        {
            // Caller c owns the grains c, c + callers, c + 2·callers, …: one caller per grain, so its values arrive in order.
            var owned = (countKeys.Length - caller + callers - 1) / callers;
            var i = caller + (int)(n % owned) * callers;
            var value = ++next[i];
            // As the API stores a report: with its audit entry in the same commit.
            var result = (await targetGrains[i].SubmitAuditedAsync([new ReportSubmission
            {
                ReportId = $"bench-{i}-{value}", AsOf = asOf, Value = value, SubmittedBy = "bench", Source = "bench",
            }], BenchAudit))[0];
            if (result.Outcome != IngestOutcome.Created) throw new InvalidOperationException($"{countKeys[i]}: {result.Outcome} {result.Message}");
        }
        var publisher = host.Services.GetRequiredService<JudgementPublisher>();
        Console.WriteLine($"judgements published: {publisher.Published} in {publisher.Flushes} batches (start-up judgement included)");
        // only=durable leaves the baseline out (for a profiler's trace of the ingest path alone).
        var counters = Enumerable.Range(0, 500).Select(k => grains.GetGrain<IBenchCounterGrain>(k)).ToArray();
        var appenders = Enumerable.Range(0, 500).Select(k => grains.GetGrain<IBenchAppendGrain>(k)).ToArray();
        var bare = settings.GetValueOrDefault("only") == "durable" ? double.NaN : await MeasureAsync("bare grain call + storage write", seconds, callers, (caller, n) =>
            counters[(caller + n * callers) % 500].IncrementAsync());
        // What the storage does with the same bytes: one report-sized row and its audit entry per commit, no domain, no
        // publication. Durable vs this shows our own overhead; this vs bare shows what appending a report costs the disk.
        var append = settings.GetValueOrDefault("only") == "durable" ? double.NaN : await MeasureAsync("bare grain call + report-sized append", seconds, callers, (caller, n) =>
            appenders[(caller + n * callers) % 500].AppendAsync());
        var memoryLoaded = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"reports per target grain after the run: {next.Average():F0}; managed memory now +{(memoryLoaded - memoryBefore) / (double)targetUnits / 1024:F1} KiB per target grain");
        Console.WriteLine($"durable reports/s vs bare write/s: {reports:F0} / {bare:F0} = {reports / bare:P0}");
        Console.WriteLine($"durable reports/s vs bare report-sized append/s: {reports:F0} / {append:F0} = {reports / append:P0}");

        await host.StopAsync();
        Directory.Delete(dir, recursive: true);
    }

    private static async Task<double> MeasureAsync(string name, int seconds, int callers, Func<int, long, Task> call, bool quiet = false)
    {
        var latencies = new List<double>[callers];
        // CPU time of the whole process per call: on a shared machine the rates move with the load, the CPU a call costs
        // far less (it includes the work a call causes in the background while the run lasts, e.g. publication).
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        // Managed bytes allocated per call (all threads, background work included) and the collections they caused: the
        // garbage collector's share of the CPU follows them.
        var allocated = GC.GetTotalAllocatedBytes();
        var collections = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var paused = GC.GetTotalPauseDuration();
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async c =>
        {
            var mine = latencies[c] = [];
            for (long n = 0; Stopwatch.GetTimestamp() < until; n++)
            {
                var t = Stopwatch.GetTimestamp();
                await call(c, n);
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        }));
        process.Refresh();
        var calls = Math.Max(1, latencies.Sum(l => l.Count));
        var cpuPerCall = (process.TotalProcessorTime - cpu).TotalMicroseconds / calls;
        var bytesPerCall = (GC.GetTotalAllocatedBytes() - allocated) / (double)calls;
        var gcs = $"gen0/1/2 {GC.CollectionCount(0) - collections.Item1}/{GC.CollectionCount(1) - collections.Item2}/{GC.CollectionCount(2) - collections.Item3}, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms";
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var rate = all.Length / sw.Elapsed.TotalSeconds;
        if (quiet) return rate;
        Console.WriteLine($"{name}: {all.Length} in {sw.Elapsed.TotalSeconds:F1} s = {rate:F0}/s; p50 {all[all.Length / 2]:F2} ms, p99 {all[(int)(all.Length * 0.99)]:F2} ms ({callers} callers); CPU {cpuPerCall:F0} µs per call; {bytesPerCall / 1024:F1} KiB allocated per call, {gcs}");
        return rate;
    }
}
