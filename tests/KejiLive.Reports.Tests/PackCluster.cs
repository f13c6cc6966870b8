using System.Collections.Concurrent;
using KejiLive.Domain.Planning;
using KejiLive.Grains;
using KejiLive.Grains.Abstractions.Reports;
using KejiLive.Grains.Reports;
using KejiLive.Grains.Tests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace KejiLive.Reports.Tests;

/// <summary>A one-silo in-process cluster with the real grains, the weekly pack and the real SQLite storage, on a fake
/// clock; the city office's notifications are recorded by <see cref="Notifier"/>.</summary>
public sealed class PackCluster : IAsyncDisposable
{
    private static readonly WeeklyPackRenderer Renderer = new();

    private PackCluster(InProcessTestCluster cluster, FakeTimeProvider time, RecordingNotifier notifier)
    {
        Cluster = cluster;
        Time = time;
        Notifier = notifier;
    }

    public static PlanDocument Plan { get; } = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    public InProcessTestCluster Cluster { get; }
    public FakeTimeProvider Time { get; }
    public RecordingNotifier Notifier { get; }
    public IClusterClient Client => Cluster.Client;

    /// <summary>With <paramref name="faults"/>, the grains' storage fails writes when the test arms it;
    /// <paramref name="settings"/> are the silo's configuration (e.g. <c>Reports:BuildWait</c>).</summary>
    public static async Task<PackCluster> StartAsync(DateTimeOffset start, string databasePath, StorageFaults? faults = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var time = new FakeTimeProvider(start);
        var notifier = new RecordingNotifier();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton<TimeProvider>(time);
            host.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            host.Services.AddSingleton<IPackReadyNotifier>(notifier);
        });
        builder.ConfigureSilo((_, silo) => FaultyGrainStorage.AddSqlite(silo, databasePath, faults)
            .AddKejiGrains(Plan)
            .AddKejiWeeklyPacks(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build(), Renderer));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new PackCluster(cluster, time, notifier);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }

    /// <summary>Records every pack the scheduler announces.</summary>
    public sealed class RecordingNotifier : IPackReadyNotifier
    {
        private readonly TaskCompletionSource<PackSummary> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<PackSummary> Notified { get; } = new();

        public Task<PackSummary> First => _first.Task;

        public Task PackReadyAsync(PackSummary pack, CancellationToken cancellationToken)
        {
            Notified.Enqueue(pack);
            _first.TrySetResult(pack);
            return Task.CompletedTask;
        }
    }
}
