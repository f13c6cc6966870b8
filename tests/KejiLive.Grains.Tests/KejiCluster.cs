using KejiLive.Domain.Planning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace KejiLive.Grains.Tests;

/// <summary>An in-process cluster running the real grains over the real SQLite storage, on a fake clock.</summary>
public sealed class KejiCluster : IAsyncDisposable
{
    private KejiCluster(InProcessTestCluster cluster, FakeTimeProvider time, string databasePath)
    {
        Cluster = cluster;
        Time = time;
        DatabasePath = databasePath;
    }

    public static PlanDocument Plan { get; } = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    public InProcessTestCluster Cluster { get; }
    public FakeTimeProvider Time { get; }
    public string DatabasePath { get; }
    public IClusterClient Client => Cluster.Client;

    /// <summary>Starts a one-silo cluster at <paramref name="start"/> over the database file (a new temp file when null);
    /// with <paramref name="faults"/>, the grains' storage fails writes when the test arms it.</summary>
    public static async Task<KejiCluster> StartAsync(DateTimeOffset start, string? databasePath = null, StorageFaults? faults = null)
    {
        var time = new FakeTimeProvider(start);
        var path = databasePath ?? NewDatabasePath();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton<TimeProvider>(time);
            // Grain timers follow the fake clock; Orleans' own loops (membership, directory) stay on real time.
            host.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        });
        builder.ConfigureSilo((_, silo) => FaultyGrainStorage.AddSqlite(silo, path, faults).AddKejiGrains(Plan));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new KejiCluster(cluster, time, path);
    }

    /// <summary>Sends the judgements the silo's <see cref="JudgementPublisher"/> holds back for its 50 ms window, so that
    /// the city and unit views read next have been told (their updates are one-way and batched).</summary>
    public void FlushPublications() => Cluster.Silos[0].ServiceProvider.GetRequiredService<JudgementPublisher>().FlushNow();

    public static string NewDatabasePath() =>
        Path.Combine(Path.GetTempPath(), "keji-grains-" + Guid.NewGuid().ToString("N"), "keji.db");

    private bool _stopped;

    /// <summary>Stops the silo (storage drains and closes) but keeps the database file.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    public static void DeleteDatabase(string path)
    {
        var dir = Path.GetDirectoryName(path)!;
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }
}
