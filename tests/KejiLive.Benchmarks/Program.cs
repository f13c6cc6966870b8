// Benchmarks for the issue notes (numbers are reported, never asserted):
//   mode=grains   start-up, memory per grain, durable reports/s vs bare grain writes (core issue); seconds=5 callers=64
//                 only=durable (no baselines), store=memory (report logs in memory: the grain side alone, not durable),
//                 warmup=S (S seconds of unmeasured reports first: the measured run starts with a warm JIT)
//   mode=signalr  report → change seen by N SignalR clients vs a bare SignalR broadcast (wall issue); clients=1,100,1000
//                 rounds=30; the silo runs as a process, built with this project (KejiLive.Testing references it)
//   mode=alerts   report that opens a 督办 → the unit's webhook receives it (alerts issue); the silo runs as a process;
//                 rounds=100 (one per target × unit)
//   mode=signal   replay the demo year through the lights: false stepwise reds, late-caught lags, flaps, city tiles (demo issue);
//                 seed=2025 (or seed=2025,1,7), flap=14; seeds=1..20 (a sweep), forecastDetail=1 (its point ±10% per target,
//                 generated pace and month), trace=target:unit (one pair's year)
//   mode=scale    national scale on one silo: a generated plan of N units × T targets, the real silo process; start to
//                 health, first full judgement, GET latencies, wall snapshot, roll-up lag, RSS, idle CPU (scale issue);
//                 units=20,200,2850 targets=16 concurrency=32 idle=10; ingest=3 (seconds of steady reports vs /health,
//                 after warm-up until the JIT is quiet, warmup=60 s at most), token=stored (a kl_ token made at start; config: the configured admin token),
//                 trace=FILE (dotnet-trace samples the silo during the steady reports; FILE.speedscope.json beside it;
//                 FILE ending in .perf: Linux perf, run with DOTNET_PerfMapEnabled=1)
//   mode=cluster  one web node → two silos on PostgreSQL + Redis membership, all real processes (cluster issue): durable
//                 reports/s through the web node vs the same run's bare grain call + PostgreSQL write (in-process silo,
//                 same database, same concurrency), report→hub p99 (WatchTarget, 201 → Changes; 3 rounds per second of
//                 load), failover (kill -9 of the silo holding a target grain → first 2xx POST for it, and a WatchWall
//                 client's longest silence under a steady load across the kill, goal ≤ 5 s); seconds=10 concurrency=32
// Smoke runs (tests/KejiLive.Benchmarks.Tests runs each once): mode=grains seconds=1 callers=4, mode=signalr clients=1
// rounds=2, mode=alerts rounds=2, mode=signal seed=2025, mode=scale units=20 targets=2 idle=1 ingest=1, mode=cluster seconds=2
// concurrency=4.
// Run: dotnet run -c Release --project tests/KejiLive.Benchmarks -- mode=<grains|signalr|alerts|signal|scale|cluster> [key=value ...]
using KejiLive.Benchmarks;

var settings = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
switch (settings.GetValueOrDefault("mode", "grains"))
{
    case "grains":
        await GrainBench.RunAsync(settings);
        break;
    case "signalr":
        await SignalRBench.RunAsync(settings);
        break;
    case "alerts":
        await AlertBench.RunAsync(settings);
        break;
    case "signal":
        await SignalBench.RunAsync(settings);
        break;
    case "scale":
        await ScaleBench.RunAsync(settings);
        break;
    case "cluster":
        await ClusterBench.RunAsync(settings);
        break;
    case "bare-server":
        await BareBroadcastServer.RunAsync(settings);
        break;
    default:
        Console.Error.WriteLine("mode must be grains, signalr, alerts, signal, scale, cluster or bare-server");
        return 2;
}
return 0;
