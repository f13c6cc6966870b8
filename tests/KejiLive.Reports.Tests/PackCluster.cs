using System.Collections.Concurrent;
using KejiLive.Domain.Planning;
using KejiLive.Grains;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Reports;
using KejiLive.Grains.Alerts;
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

    /// <summary>Sends what the silo's publishers hold back for their 50 ms window (judgements to the alerts grains and
    /// views, 督办 figures to the index, cards to the ranking) now.</summary>
    public void FlushPublications()
    {
        var services = Cluster.Silos[0].ServiceProvider;
        services.GetRequiredService<JudgementPublisher>().FlushNow();
        services.GetRequiredService<AlertFigurePublisher>().FlushNow();
        services.GetRequiredService<UnitCardPublisher>().FlushNow();
    }

    /// <summary>Waits (bounded) until the start's judging sweep has run and the alert index, which the pack reads its 督办
    /// from, holds what every alerts grain holds (same alerts, states, figures and histories). A report reaches its
    /// alerts grain by a one-way message the publisher may hold back 50 ms (longer behind a sweep keeping its window
    /// busy), and the alerts grain tells the index one-way again: a call on the alerts grain alone does not wait for that.
    /// Fails with both sides when they do not agree within <paramref name="timeoutMs"/>.</summary>
    public async Task SettleAlertsAsync(int timeoutMs = 30_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        await Eventually.Until(() => Client.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(Plan.Id)).GetLastAsync(), last => last is not null, timeoutMs);
        var keys = Plan.Targets.SelectMany(t => t.Assignments.Select(a => GrainKeys.Target(t.Id, a.UnitId)))
            .Concat(Plan.Units.Where(u => u.IsRanked).Select(u => GrainKeys.UnitAlerts(u.Id))).ToList();
        var index = Client.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(Plan.Id));
        while (true)
        {
            FlushPublications();
            var held = Describe((await Task.WhenAll(keys.Select(k => Client.GetGrain<IAlertsGrain>(k).GetAsync()))).SelectMany(a => a));
            FlushPublications();
            var indexed = Describe(await index.QueryAsync(null, null));
            if (held == indexed) return;
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"The alert index did not catch up with the alerts grains within {timeoutMs} ms.\nalerts grains: {held}\nindex: {indexed}");
            }
            await Task.Delay(20);
        }
    }

    private static string Describe(IEnumerable<AlertView> alerts) =>
        string.Join("; ", alerts.OrderBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => FormattableString.Invariant($"{a.Id} {a.State} {a.Points} h{a.History.Length}")));

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
