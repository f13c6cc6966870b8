using KejiLive.Domain.Security;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests.Security;

public sealed class ApiTokensTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Format_ThenParse_GivesBackTheIdAndSecret()
    {
        var secret = Enumerable.Range(0, ApiTokens.SecretBytes).Select(i => (byte)(i * 7)).ToArray();
        var id = ApiTokens.NewId([1, 2, 3, 4, 5, 255]);

        var token = ApiTokens.Format(id, secret);

        Assert.Equal("0102030405ff", id);
        Assert.True(ApiTokens.TryParse(token, out var parsedId, out var parsedSecret));
        Assert.Equal((id, 43), (parsedId, parsedSecret.Length));
        Assert.StartsWith("kl_0102030405ff_", token, StringComparison.Ordinal);
        Assert.DoesNotContain('+', token);
        Assert.DoesNotContain('/', token);
        Assert.DoesNotContain('=', token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer kl_0102030405ff_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("kl_0102030405FF_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("kl_01020304_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("kl_0102030405ff_short")]
    [InlineData("kl_0102030405ff_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("kl_0102030405ffAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("xx_0102030405ff_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void TryParse_RefusesAnythingNotOfTheShape(string? token) =>
        Assert.False(ApiTokens.TryParse(token, out _, out _));

    [Fact]
    public void TryParse_RefusesAVeryLongToken() =>
        Assert.False(ApiTokens.TryParse("kl_0102030405ff_" + new string('A', 500), out _, out _));

    public static TheoryData<string, DateTimeOffset?, DateTimeOffset, bool> VerifyCases() => new()
    {
        { "right", null, Created.AddDays(1), true },
        { "wrong", null, Created.AddDays(1), false },
        { "right", null, Created.AddDays(30), false },            // expired: the end is exclusive
        { "right", null, Created.AddDays(30).AddTicks(-1), true },
        { "right", Created.AddDays(2), Created.AddDays(3), false }, // revoked
    };

    [Theory]
    [MemberData(nameof(VerifyCases))]
    public void Verify_NeedsTheRightSecretAndAnActiveToken(string presented, DateTimeOffset? revokedAt, DateTimeOffset now, bool valid)
    {
        var record = new TokenRecord("0102030405ff", "大屏", Role.Viewer, null, ApiTokens.Hash("right"), Created, Created.AddDays(30), "admin", revokedAt);

        Assert.Equal(valid, ApiTokens.Verify(record, presented, now));
    }

    [Fact]
    public void Hash_IsSha256InLowercaseHex() =>
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiTokens.Hash("abc"));

    public static TheoryData<string?, string?, string?, int?, string?> BadRequests() => new()
    {
        { null, "viewer", null, 30, "name" },
        { "  ", "viewer", null, 30, "name" },
        { new string('名', 101), "viewer", null, 30, "name" },
        { "a\u0007b", "viewer", null, 30, "name" },
        { "x", "root", null, 30, "role" },
        { "x", null, null, 30, "role" },
        { "x", "unit", null, 30, "unit" },
        { "x", "unit", "999999", 30, "unit" },
        { "x", "leader", "360702", 30, "unit" },
        { "x", "viewer", null, 0, "expiresInDays" },
        { "x", "viewer", null, 367, "expiresInDays" },
        { "x", "viewer", null, null, "expiresInDays" },
        { "x", "unit", "360702", 366, null },
        { "x", "viewer", null, 1, null },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Validate_NamesTheFieldAtFault(string? name, string? role, string? unit, int? days, string? field)
    {
        var errors = ApiTokens.Validate(PlanJson.Load(), name, role, unit, days);

        if (field is null) Assert.Empty(errors);
        else Assert.Equal(field, Assert.Single(errors).Field);
    }
}
