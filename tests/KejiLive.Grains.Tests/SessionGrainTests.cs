using KejiLive.Grains.Abstractions.Security;

namespace KejiLive.Grains.Tests;

/// <summary>Page sessions on the real grain and storage, on a fake clock: they end at their lifetime or their token's
/// expiry, whichever is first, on sign-out, and survive a restart while they run.</summary>
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
    public void SessionIds_AreRandom43CharacterBase64Url_AndKeyedByTheirHash()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => SessionIds.New()).ToList();

        Assert.All(ids, id => Assert.True(SessionIds.IsWellFormed(id), id));
        Assert.Equal(100, ids.Distinct().Count());
        Assert.Equal(64, SessionIds.Key(ids[0]).Length);
        Assert.DoesNotContain(ids[0], SessionIds.Key(ids[0]), StringComparison.Ordinal);
        Assert.False(SessionIds.IsWellFormed("kl_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    }
}
