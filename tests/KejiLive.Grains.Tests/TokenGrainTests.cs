using KejiLive.Grains.Abstractions.Security;

namespace KejiLive.Grains.Tests;

/// <summary>Tokens on the real grain and storage, on a fake clock: expiry, revocation, and a restart.</summary>
public sealed class TokenGrainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Token_ValidatesUntilItExpires_ThenNeverAgain()
    {
        await using var keji = await KejiCluster.StartAsync(Start);
        var tokens = keji.Client.GetGrain<ITokenGrain>(ITokenGrain.Key);
        var created = await tokens.CreateAsync("大屏一号", "viewer", null, 2, "admin");
        var (id, secret) = Split(created.Secret);

        var fresh = await tokens.ValidateAsync(id, secret);
        keji.Time.Advance(TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1));
        var lastSecond = await tokens.ValidateAsync(id, secret);
        keji.Time.Advance(TimeSpan.FromSeconds(1));
        var expired = await tokens.ValidateAsync(id, secret);

        Assert.Equal(("大屏一号", "viewer"), (fresh?.Name, fresh?.Role));
        Assert.NotNull(lastSecond);
        Assert.Null(expired);
        Assert.Null(await tokens.ValidateAsync(id, secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')));
        Assert.False(await tokens.HasActiveAdminAsync());
    }

    [Fact]
    public async Task RevokedToken_StaysRevokedAcrossARestart_AndKeepsWhoRevokedIt()
    {
        var path = KejiCluster.NewDatabasePath();
        string id, secret;
        await using (var keji = await KejiCluster.StartAsync(Start, path))
        {
            var tokens = keji.Client.GetGrain<ITokenGrain>(ITokenGrain.Key);
            var created = await tokens.CreateAsync("章贡区 填报员", "unit", "360702", 90, "admin");
            (id, secret) = Split(created.Secret);
            await tokens.RevokeAsync(id, "市科技局 管理员");
            await tokens.RevokeAsync(id, "someone later");
            await tokens.CreateAsync("管理员", "admin", null, 30, "system");
        }

        await using (var restarted = await KejiCluster.StartAsync(Start.AddHours(1), path))
        {
            var tokens = restarted.Client.GetGrain<ITokenGrain>(ITokenGrain.Key);
            var listed = (await tokens.ListAsync()).Single(t => t.Id == id);

            Assert.Null(await tokens.ValidateAsync(id, secret));
            Assert.Equal(("市科技局 管理员", "360702"), (listed.RevokedBy, listed.Unit));
            Assert.True(await tokens.HasActiveAdminAsync());
        }
        KejiCluster.DeleteDatabase(path);
    }

    [Fact]
    public async Task ActiveAsync_WhenTokensAreRevokedExpiredOrUnknown_ReturnsOnlyTheActiveOnes()
    {
        await using var keji = await KejiCluster.StartAsync(Start);
        var tokens = keji.Client.GetGrain<ITokenGrain>(ITokenGrain.Key);
        var (kept, _) = Split((await tokens.CreateAsync("大屏", "viewer", null, 30, "admin")).Secret);
        var (revoked, _) = Split((await tokens.CreateAsync("被吊销", "viewer", null, 30, "admin")).Secret);
        var (expiring, _) = Split((await tokens.CreateAsync("将过期", "viewer", null, 1, "admin")).Secret);

        await tokens.RevokeAsync(revoked, "admin");
        var beforeExpiry = await tokens.ActiveAsync([kept, revoked, expiring, "000000000000"]);
        keji.Time.Advance(TimeSpan.FromDays(1));
        var afterExpiry = await tokens.ActiveAsync([kept, revoked, expiring]);

        Assert.Equal(new[] { kept, expiring }, beforeExpiry.ToArray());
        Assert.Equal(new[] { kept }, afterExpiry.ToArray());
    }

    private static (string Id, string Secret) Split(string token)
    {
        Assert.True(Domain.Security.ApiTokens.TryParse(token, out var id, out var secret));
        return (id, secret);
    }
}
