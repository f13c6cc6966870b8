using KejiLive.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace KejiLive.Storage.Tests;

/// <summary>What is particular to the PostgreSQL engine: the payload is the SQLite engine's JSON byte for byte, the
/// schema is created on start (also by several silos at once) and a newer one is refused, an unreachable server is
/// named, and the silo registration resolves and starts it.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStorageFormatTests(PostgresFixture fixture) : IAsyncLifetime
{
    private const string StateName = "target";
    private static readonly GrainId Grain = GrainId.Create("target", "x");
    private readonly PostgresEngine _engine = new(fixture);

    public Task InitializeAsync() => _engine.InitializeAsync();

    public Task DisposeAsync() => _engine.DisposeAsync().AsTask();

    [Fact]
    public async Task StoredPayload_WhenSameStateWrittenBySqliteAndPostgres_IsTheSameJson()
    {
        var state = GrainStorageSemanticsTests.Sample() with { Score = double.NaN };
        await using var sqlite = new SqliteEngine();
        await using (var storage = sqlite.Open())
        {
            await storage.WriteStateAsync(StateName, Grain, new TestGrainState<TargetState>(state));
        }

        await using (var storage = _engine.Open())
        {
            await storage.WriteStateAsync(StateName, Grain, new TestGrainState<TargetState>(state));
        }

        var payload = await _engine.SinglePayloadAsync();
        Assert.Equal(await sqlite.SinglePayloadAsync(), payload);
        Assert.DoesNotContain("$type", payload, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(TargetState), payload, StringComparison.Ordinal);
        Assert.Equal("target", (string?)await _engine.ScalarAsync("SELECT grain_type FROM grain_state"));
    }

    [Fact]
    public async Task Read_WhenRowPlantedByOlderBuildHasUnknownAndMissingProperties_LoadsKnownValuesAndDefaults()
    {
        await using var storage = _engine.Open();
        await storage.StartAsync();
        await _engine.ScalarAsync($$"""
            INSERT INTO grain_state (state_name, grain_id, grain_type, version, payload, updated_at)
            VALUES ('{{StateName}}', '{{Grain}}', 'target', 7,
                    convert_to('{"title":"old build","status":"Accepted","retiredField":[1],"revision":3,"Score":"2.5"}', 'UTF8'), now());
            """);

        var read = new TestGrainState<TargetState>(new TargetState());
        await storage.ReadStateAsync(StateName, Grain, read);

        Assert.Equal("7", read.ETag);
        Assert.Equal("old build", read.State.Title);
        Assert.Equal(ReportStatus.Accepted, read.State.Status);
        Assert.Equal(3, read.State.Revision);
        Assert.Equal(2.5, read.State.Score);
        Assert.Empty(read.State.Readings);
    }

    [Fact]
    public async Task Start_WhenDatabaseIsEmpty_CreatesTableAndRecordsSchemaVersion()
    {
        await using (var storage = _engine.Open())
        {
            await storage.StartAsync();
        }

        Assert.Equal(1, await _engine.ScalarAsync("SELECT version FROM keji_schema WHERE component = 'grain_state'"));
        Assert.Equal(0L, await _engine.CountRowsAsync());
    }

    [Fact]
    public async Task Start_WhenEightSilosStartAtOnceOnAnEmptyDatabase_AllStartAndShareOneTable()
    {
        var storages = Enumerable.Range(0, 8).Select(i => _engine.Open($"silo{i}")).ToArray();

        await Task.WhenAll(storages.Select(s => Task.Run(() => s.StartAsync())));
        await Task.WhenAll(storages.Select((s, i) =>
            s.WriteStateAsync(StateName, GrainId.Create("target", $"s{i}"), new TestGrainState<TargetState>(new TargetState { Revision = i }))));

        Assert.Equal(8L, await _engine.CountRowsAsync());
        foreach (var storage in storages) await storage.DisposeAsync();
    }

    [Fact]
    public async Task Start_WhenDatabaseHasNewerSchemaVersion_Refuses()
    {
        await using (var storage = _engine.Open())
        {
            await storage.StartAsync();
        }

        await _engine.ScalarAsync("UPDATE keji_schema SET version = 99 WHERE component = 'grain_state'");
        await using var newer = _engine.Open();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.StartAsync());
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WhenNothingListensAtTheAddress_ThrowsNamingHostPortAndDatabase()
    {
        var port = Testing.FreePorts.Reserve(1)[0];
        await using var storage = new PostgresGrainStorage("down", new PostgresGrainStorageOptions
        {
            ConnectionString = $"Host=127.0.0.1;Port={port};Database=keji;Username=postgres;Timeout=5",
        });

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() => storage.StartAsync());

        Assert.Contains($"127.0.0.1:{port}/keji", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
        // A write queued meanwhile fails with the same clear error instead of waiting forever.
        var write = await Assert.ThrowsAsync<PostgresUnavailableException>(() => storage.WriteStateAsync(
            StateName, Grain, new TestGrainState<TargetState>(new TargetState())));
        Assert.Contains($"127.0.0.1:{port}", write.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WhenDatabaseDoesNotExist_ThrowsNamingIt()
    {
        var missing = fixture.Server.ConnectionString("no_such_database");
        await using var storage = new PostgresGrainStorage("missing", new PostgresGrainStorageOptions { ConnectionString = missing });

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() => storage.StartAsync());

        Assert.Contains("no_such_database", error.Message, StringComparison.Ordinal);
        Assert.Contains("no such database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_WhenStorageRegisteredByName_ResolvesKeyedProviderAndCreatesSchemaOnStart()
    {
        var ports = Testing.FreePorts.Reserve(2);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(ports[0], ports[1])
            .AddPostgresGrainStorage("reports", options => options.ConnectionString = _engine.ConnectionString));
        using var host = builder.Build();

        var named = Assert.IsType<PostgresGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>("reports"));
        Assert.Equal("reports", named.Name);
        Assert.Equal(true, await _engine.ScalarAsync("SELECT to_regclass('grain_state') IS NULL"));

        await host.StartAsync();
        try
        {
            Assert.Equal("grain_state", await _engine.ScalarAsync("SELECT to_regclass('grain_state')::text"));
            var state = new TestGrainState<TargetState>(new TargetState { Revision = 1 });
            await named.WriteStateAsync(StateName, Grain, state);
            Assert.Equal("1", state.ETag);
        }
        finally
        {
            await host.StopAsync();
        }

        Assert.Equal(1L, await _engine.CountRowsAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => named.WriteStateAsync(
            StateName, GrainId.Create("target", "y"), new TestGrainState<TargetState>(new TargetState())));
    }
}
