using KejiLive.Grains.Abstractions.Security;
using Microsoft.Data.Sqlite;

namespace KejiLive.Grains.Tests;

/// <summary>Page sessions on the real grain and storage, on a fake clock: they end at their lifetime or their token's
/// expiry, whichever is first, on sign-out, and survive a restart while they run. An expired session nobody reads again
/// has its stored row deleted by the sweep, also across a restart.</summary>
public sealed class SessionGrainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Session_RunsUntilItsLifetimeEnds_ThenIsGoneForGood()
    {
        await using var keji = await KejiCluster.StartAsync(Start);
        var id = SessionIds.New();
        var session = keji.Client.GetGrain<ISessionGrain>(SessionIds.Key(id));

        var started = await session.StartAsync("abc123", null, TimeSpan.FromHours(12), Start.AddDays(30));
        keji.Time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        var lastSecond = await session.GetAsync();
        keji.Time.Advance(TimeSpan.FromSeconds(1));
        var ended = await session.GetAsync();

        Assert.Equal(Start.AddHours(12), started.ExpiresAt);
        Assert.Equal("abc123", lastSecond?.TokenId);
        Assert.Null(ended);
        Assert.Null(await session.GetAsync());
    }

    [Fact]
    public async Task Session_EndsWithItsToken_WhenTheTokenExpiresFirst()
    {
        await using var keji = await KejiCluster.StartAsync(Start);
        var session = keji.Client.GetGrain<ISessionGrain>(SessionIds.Key(SessionIds.New()));

        var started = await session.StartAsync("abc123", null, TimeSpan.FromHours(12), Start.AddHours(2));
        keji.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(Start.AddHours(2), started.ExpiresAt);
        Assert.Null(await session.GetAsync());
    }

    [Fact]
    public async Task Session_SurvivesARestart_AndSignOutEndsIt()
    {
        var path = KejiCluster.NewDatabasePath();
        var key = SessionIds.Key(SessionIds.New());
        await using (var keji = await KejiCluster.StartAsync(Start, path))
        {
            await keji.Client.GetGrain<ISessionGrain>(key).StartAsync("config", "fingerprint", TimeSpan.FromHours(12), null);
        }
        await using (var restarted = await KejiCluster.StartAsync(Start.AddHours(1), path))
        {
            var session = restarted.Client.GetGrain<ISessionGrain>(key);
            Assert.Equal(("config", "fingerprint"), ((await session.GetAsync())?.TokenId, (await session.GetAsync())?.AdminFingerprint));

            await session.EndAsync();
            await session.EndAsync();

            Assert.Null(await session.GetAsync());
        }
        KejiCluster.DeleteDatabase(path);
    }

    [Fact]
    public async Task Sweep_WhenASessionExpiresUnread_DeletesItsStoredRowAndKeepsTheRunningOne()
    {
        await using var keji = await KejiCluster.StartAsync(Start);
        var (shortKey, longKey) = (SessionIds.Key(SessionIds.New()), SessionIds.Key(SessionIds.New()));
        await keji.Client.GetGrain<ISessionGrain>(shortKey).StartAsync("abc123", null, TimeSpan.FromHours(1), null);
        await keji.Client.GetGrain<ISessionGrain>(longKey).StartAsync("def456", null, TimeSpan.FromHours(12), null);
        var before = SessionRows(keji.DatabasePath);

        keji.Time.Advance(TimeSpan.FromHours(1));
        await UntilAsync(async () => await Sweep(keji).CountAsync() == 1);

        Assert.Equal(2, before.Count);
        Assert.Equal([longKey], SessionRows(keji.DatabasePath).Select(KeyOf));
        Assert.Equal("def456", (await keji.Client.GetGrain<ISessionGrain>(longKey).GetAsync())?.TokenId);
    }

    [Fact]
    public async Task Sweep_WhenTheSiloRestartedBeforeTheEnd_StillDeletesTheExpiredRow()
    {
        var path = KejiCluster.NewDatabasePath();
        var key = SessionIds.Key(SessionIds.New());
        await using (var keji = await KejiCluster.StartAsync(Start, path))
        {
            await keji.Client.GetGrain<ISessionGrain>(key).StartAsync("abc123", null, TimeSpan.FromHours(2), null);
        }
        await using (var restarted = await KejiCluster.StartAsync(Start.AddHours(1), path))
        {
            var whileRunning = SessionRows(path).Count;
            restarted.Time.Advance(TimeSpan.FromHours(1));
            await UntilAsync(async () => await Sweep(restarted).CountAsync() == 0);

            Assert.Equal(1, whileRunning);
            Assert.Empty(SessionRows(path));
        }
        KejiCluster.DeleteDatabase(path);
    }

    [Fact]
    public async Task Sweep_WhenASessionSignsOut_StopsTrackingIt()
    {
        await using var keji = await KejiCluster.StartAsync(Start);
        var session = keji.Client.GetGrain<ISessionGrain>(SessionIds.Key(SessionIds.New()));
        await session.StartAsync("abc123", null, TimeSpan.FromHours(12), null);
        var tracked = await Sweep(keji).CountAsync();

        await session.EndAsync();
        await UntilAsync(async () => await Sweep(keji).CountAsync() == 0);

        Assert.Equal(1, tracked);
        Assert.Empty(SessionRows(keji.DatabasePath));
    }

    [Fact]
    public async Task Start_WhenTheSessionWriteFails_Throws_AndTheSweepStillEndsItsTrackedEntry()
    {
        var faults = new StorageFaults();
        await using var keji = await KejiCluster.StartAsync(Start, faults: faults);
        var session = keji.Client.GetGrain<ISessionGrain>(SessionIds.Key(SessionIds.New()));

        faults.Arm("session");
        await Assert.ThrowsAnyAsync<Exception>(() => session.StartAsync("abc123", null, TimeSpan.FromHours(1), null));
        faults.Disarm();
        var tracked = await Sweep(keji).CountAsync();
        keji.Time.Advance(TimeSpan.FromHours(1));
        await UntilAsync(async () => await Sweep(keji).CountAsync() == 0);

        Assert.Equal((1, 1), (faults.Refused, tracked));
        Assert.Null(await session.GetAsync());
        Assert.Empty(SessionRows(keji.DatabasePath));
    }

    [Fact]
    public void SessionIds_AreRandom43CharacterBase64Url_AndKeyedByTheirHash()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => SessionIds.New()).ToList();

        Assert.All(ids, id => Assert.True(SessionIds.IsWellFormed(id), id));
        Assert.Equal(100, ids.Distinct().Count());
        Assert.Equal(64, SessionIds.Key(ids[0]).Length);
        Assert.DoesNotContain(ids[0], SessionIds.Key(ids[0]), StringComparison.Ordinal);
        Assert.False(SessionIds.IsWellFormed("kl_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    }

    private static ISessionSweepGrain Sweep(KejiCluster keji) => keji.Client.GetGrain<ISessionSweepGrain>(ISessionSweepGrain.Key);

    /// <summary>The stored session rows (grain ids), read from the SQLite file itself.</summary>
    private static List<string> SessionRows(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_id FROM grain_state WHERE state_name = 'session' ORDER BY grain_id";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read()) rows.Add(reader.GetString(0));
        return rows;
    }

    private static string KeyOf(string grainId) => grainId[(grainId.IndexOf('/', StringComparison.Ordinal) + 1)..];

    /// <summary>Waits (bounded real time) for the sweep's timer, which the fake clock has made due, to run.</summary>
    private static async Task UntilAsync(Func<Task<bool>> done)
    {
        var deadline = Environment.TickCount64 + 15_000;
        while (!await done())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("the session sweep did not run within 15 s of real time");
            await Task.Delay(20);
        }
    }
}
