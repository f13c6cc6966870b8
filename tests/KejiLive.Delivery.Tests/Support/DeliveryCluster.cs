using KejiLive.Grains;
using KejiLive.Grains.Abstractions.Delivery;
using KejiLive.Grains.Delivery;
using KejiLive.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;

namespace KejiLive.Delivery.Tests.Support;

/// <summary>An in-process one-silo cluster with the real outbox grain and senders over the real SQLite storage, on a
/// fake clock that the grain timers follow. Configuration is the <c>Alerts</c> section as key/value pairs.</summary>
internal sealed class DeliveryCluster : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly InProcessTestCluster _cluster;
    private bool _stopped;

    private DeliveryCluster(InProcessTestCluster cluster, FakeTimeProvider time, string path)
    {
        _cluster = cluster;
        Time = time;
        DatabasePath = path;
    }

    public FakeTimeProvider Time { get; }
    public string DatabasePath { get; }
    public IClusterClient Client => _cluster.Client;

    public IOutboxGrain Outbox(string id) => Client.GetGrain<IOutboxGrain>(id);

    public static async Task<DeliveryCluster> StartAsync(FakeTimeProvider time, string path, IDictionary<string, string?> settings, WriteFaults? faults = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton<TimeProvider>(time);
            host.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
        });
        builder.ConfigureSilo((_, silo) => (faults is null ? silo.AddSqliteGrainStorage(StorageNames.Keji, o => o.DatabasePath = path) : WriteFaults.AddSqlite(silo, path, faults))
            .AddKejiDelivery(configuration));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new DeliveryCluster(cluster, time, path);
    }

    public static string NewDatabasePath() =>
        Path.Combine(Path.GetTempPath(), "keji-delivery-" + Guid.NewGuid().ToString("N"), "keji.db");

    public static void DeleteDatabase(string path)
    {
        var dir = Path.GetDirectoryName(path)!;
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    /// <summary>Moves the fake clock from one timer wake-up of the outbox to the next (waiting, within a bounded real
    /// time, for each send turn to finish) until <paramref name="done"/> holds.</summary>
    public async Task<OutboxStatus> DriveUntilAsync(string outboxId, Func<OutboxStatus, bool> done, int timeoutMs = 30_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (true)
        {
            var status = await SettleAsync(outboxId, deadline);
            if (done(status)) return status;
            if (status.NextWakeAt is not { } wake)
            {
                throw new InvalidOperationException($"Outbox {outboxId} is idle and the condition does not hold: {Describe(status)}");
            }
            Time.Advance(wake - Time.GetUtcNow());
        }
    }

    /// <summary>Waits (bounded, real time) until the outbox has nothing due at the current fake time.</summary>
    public async Task<OutboxStatus> SettleAsync(string outboxId, long deadline = 0)
    {
        if (deadline == 0) deadline = Environment.TickCount64 + 30_000;
        var outbox = Outbox(outboxId);
        var dueSince = 0L;
        while (true)
        {
            var status = await outbox.GetStatusAsync(100);
            var now = Time.GetUtcNow();
            if (!status.Sending && (status.NextWakeAt is null || status.NextWakeAt > now)) return status;
            if (Environment.TickCount64 > deadline) throw new TimeoutException($"Outbox {outboxId} did not settle: {Describe(status)}");
            if (!status.Sending)
            {
                // Due but not yet running: give the timer a real moment, then nudge the fake clock.
                if (dueSince == 0) dueSince = Environment.TickCount64;
                else if (Environment.TickCount64 - dueSince > 500) { Time.Advance(TimeSpan.FromMilliseconds(1)); dueSince = 0; }
            }
            await Task.Delay(5);
        }
    }

    private string Describe(OutboxStatus s) =>
        $"pending {s.Pending}, sent {s.Sent}, failed {s.Failed}, next wake {s.NextWakeAt:O}, now {Time.GetUtcNow():O}, last error {s.LastError}";

    /// <summary>Stops the silo (storage drains and closes) but keeps the database file.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
