using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace KejiLive.Storage.Tests;

/// <summary>Bare write throughput of each engine's grain storage: 64 concurrent writers over 500 grains (each grain
/// owned by one writer, as Orleans' single activation guarantees) for a few seconds. Writes/s and latency percentiles
/// are printed, never asserted; what is asserted is that every acknowledged write is stored with the right version.
/// Run with <c>--logger "console;verbosity=detailed"</c> to see the numbers; <c>KEJI_STORAGE_BENCH_SECONDS</c> sets the
/// duration (default 3).</summary>
[Collection(PostgresCollection.Name)]
public sealed class GrainStorageThroughputTests(PostgresFixture fixture, ITestOutputHelper output)
{
    private const int Writers = 64;
    private const int Grains = 500;

    [Fact]
    public Task Write_WhenSixtyFourWritersOnPostgres_ReportsThroughputAndStoresEveryWrite() =>
        MeasureAsync("PostgreSQL", new PostgresEngine(fixture));

    [Fact]
    public Task Write_WhenSixtyFourWritersOnSqlite_ReportsThroughputAndStoresEveryWrite() =>
        MeasureAsync("SQLite", new SqliteEngine());

    private async Task MeasureAsync(string label, StorageEngine engine)
    {
        await using var _ = engine;
        await engine.InitializeAsync();
        var duration = TimeSpan.FromSeconds(double.TryParse(
            Environment.GetEnvironmentVariable("KEJI_STORAGE_BENCH_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) ? s : 3);
        await using var storage = engine.Open();
        await storage.StartAsync();

        var latencies = new List<double>[Writers];
        var counts = new int[Grains];
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var mine = Enumerable.Range(0, Grains).Where(g => g % Writers == w)
                .Select(g => (Index: g, Id: GrainId.Create("target", $"bench{g}"), State: new TestGrainState<TargetState>(new TargetState())))
                .ToArray();
            var own = latencies[w] = [];
            for (var i = 0; clock.Elapsed < duration; i++)
            {
                var (index, id, state) = mine[i % mine.Length];
                state.State = state.State with { Revision = state.State.Revision + 1, Title = $"{label} {i}" };
                var started = Stopwatch.GetTimestamp();
                await storage.WriteStateAsync("target", id, state);
                own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                counts[index]++;
            }
        })));
        var elapsed = clock.Elapsed;

        var all = latencies.SelectMany(l => l).Order().ToArray();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label} grain storage, {Writers} writers × {Grains} grains, {elapsed.TotalSeconds:0.0} s: {all.Length} writes, " +
            $"{all.Length / elapsed.TotalSeconds:0} writes/s, p50 {Percentile(all, 0.50):0.00} ms, p99 {Percentile(all, 0.99):0.00} ms, " +
            $"max {all[^1]:0.00} ms"));
        Assert.Equal(Grains, await engine.CountRowsAsync());
        foreach (var g in new[] { 0, 63, 64, 499 })
        {
            var read = new TestGrainState<TargetState>(new TargetState());
            await storage.ReadStateAsync("target", GrainId.Create("target", $"bench{g}"), read);
            Assert.Equal(counts[g].ToString(CultureInfo.InvariantCulture), read.ETag);
            Assert.Equal(counts[g], read.State.Revision);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
