namespace KejiLive.Benchmarks.Tests;

/// <summary>Each benchmark mode the README names, once, with parameters that make it a run of seconds: it must finish with
/// exit code 0 and print its result lines. No number is asserted. One class, so the runs take turns on the cores.</summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task GrainsMode_WhenRunForOneSecond_ExitsZeroAndPrintsEveryMeasurement()
    {
        var run = await BenchmarkRun.StartAndWaitAsync("mode=grains", "seconds=1", "callers=4");

        AssertSucceeded(run,
            "start-up to a fully judged plan:",
            "managed memory of the judged plan:",
            "durable reports via TargetGrain:",
            "bare grain call + storage write:",
            "reports per target grain after the run:",
            "durable reports/s vs bare write/s:");
    }

    [Fact]
    public async Task SignalRMode_WhenOneClientTwoRounds_ExitsZeroAndPrintsTheComparisonLine()
    {
        var run = await BenchmarkRun.StartAndWaitAsync("mode=signalr", "clients=1", "rounds=2");

        AssertSucceeded(run, "1 clients: report→change p50", "bare broadcast p50", "p99 ratio");
    }

    [Fact]
    public async Task AlertsMode_WhenTwoRounds_ExitsZeroAndPrintsTheWebhookLatencyLine()
    {
        var run = await BenchmarkRun.StartAndWaitAsync("mode=alerts", "rounds=2");

        AssertSucceeded(run, "report → webhook for a newly opened 督办:");
    }

    [Fact]
    public async Task SignalMode_WhenOneSeed_ExitsZeroAndPrintsEverySection()
    {
        var run = await BenchmarkRun.StartAndWaitAsync("mode=signal", "seed=2025");

        AssertSucceeded(run,
            "== Signal quality of the demo year: plan ganzhou-2025, seed 2025",
            "False reds on stepwise targets",
            "Lagging units",
            "Flapping lights",
            "light changes under 7 days after the previous one, not green↔red (goal 0):",
            "lag 督办 opened: ",
            "under a green light 0,",
            "Year-end forecasts",
            "Late releases (one city notice instead of a 未报送 per unit",
            "待核实 marks",
            "City lights (the wall's target tiles)");
    }

    [Fact]
    public async Task SignalMode_WhenTracingOnePair_PrintsItsReportsAndJudgements()
    {
        var run = await BenchmarkRun.StartAndWaitAsync("mode=signal", "seed=7", "trace=talent-teams:360702");

        AssertSucceeded(run, "== trace talent-teams × 360702, seed 7", "report AsOf 01-31", "12-31 truth");
    }

    [Fact]
    public async Task SignalMode_WhenSweepingWithForecastDetail_PrintsThePointShareByGeneratedPaceAndMonth()
    {
        var run = await BenchmarkRun.StartAndWaitAsync("mode=signal", "seeds=3", "forecastDetail=1");

        AssertSucceeded(run, "== Seed sweep: plan ganzhou-2025, seeds 3..3 (1)", "forecast point ±10% by the unit's generated pace: behind",
            "lag 督办 opened: ", "point ±10% by target, generated pace and month of the check", "Forecasts per target over the sweep:",
            "City lights (the wall's target tiles) per seed", "City lights per target over the sweep:");
    }

    [Fact]
    public async Task ScaleMode_WhenTwentyUnitsTwoTargets_ExitsZeroAndPrintsItsRow()
    {
        var run = await BenchmarkRun.StartAndWaitAsync("mode=scale", "units=20", "targets=2", "idle=1", "ingest=1");

        AssertSucceeded(run, "== National scale on one silo: 2 count targets × units", "units | pairs | start→/health", "20 | 40 | ");
        Assert.DoesNotContain("not within", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterMode_WhenTwoSecondsAtConcurrencyFour_ExitsZeroAndPrintsEveryMeasurement()
    {
        var run = await BenchmarkRun.StartAndWaitAsync("mode=cluster", "seconds=2", "concurrency=4");

        AssertSucceeded(run,
            "== Cluster: one web node → two silos",
            "bare grain call + PostgreSQL write (in-process silo, same database):",
            "cluster up (2 silos, then the web node, each /health 200):",
            "plan judged (web node /health Healthy):",
            "durable reports via the web node (POST /api/reports → 2 silos → PostgreSQL):",
            "durable reports/s through the web node vs bare write/s:",
            "report→hub (201 → Changes on WatchTarget",
            "from sending the POST:",
            "failover: kill -9 of silo-");
        Assert.Contains("→ first 2xx POST for it:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("failover: kill -9 → first change on a WatchWall hub client:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Benchmark_WhenModeIsUnknown_ExitsTwoAndNamesTheModes()
    {
        var run = await BenchmarkRun.StartAndWaitAsync("mode=nonsense");

        Assert.True(run.ExitCode == 2, run.Describe());
        Assert.Contains("mode must be grains, signalr, alerts, signal, scale, cluster", run.Stderr, StringComparison.Ordinal);
    }

    private static void AssertSucceeded(BenchmarkRun run, params string[] lines)
    {
        Assert.True(run.ExitCode == 0, run.Describe());
        foreach (var line in lines)
        {
            Assert.True(run.Stdout.Contains(line, StringComparison.Ordinal), $"missing \"{line}\"\n{run.Describe()}");
        }
    }
}
