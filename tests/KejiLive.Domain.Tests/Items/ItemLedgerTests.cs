using KejiLive.Domain.Items;

namespace KejiLive.Domain.Tests.Items;

public sealed class ItemLedgerTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);
    private static readonly DateTimeOffset T0 = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static List<ItemClaim> Claim(List<ItemClaim> claims, string unit, int minute, params ItemInput[] items)
    {
        claims.AddRange(ItemLedger.NewClaims(claims, unit, items, AsOf, T0.AddMinutes(minute), "tester", "127.0.0.1"));
        return claims;
    }

    [Theory]
    [InlineData("91360700MA35X0001K", "no:91360700MA35X0001K")]
    [InlineData(" 91360700 ma35x0001k ", "no:91360700MA35X0001K")]
    [InlineData("９１３６０７００ＭＡ３５Ｘ０００１Ｋ", "no:91360700MA35X0001K")]
    [InlineData("GR-2025-3600-0123", "no:GR202536000123")]
    [InlineData(null, "name:甲公司")]
    [InlineData("  ", "name:甲公司")]
    public void Key_NormalisesNumbers_AndFallsBackToTheName(string? number, string key) =>
        Assert.Equal(key, ItemKeys.Key(new ItemInput(" 甲 公司", number)));

    [Fact]
    public void NewClaims_RepeatsOfTheUnit_AddNothing()
    {
        var claims = Claim([], "a", 0, new ItemInput("甲", "X1"), new ItemInput("乙", "X2"));

        var again = ItemLedger.NewClaims(claims, "a", [new ItemInput("甲（重复）", "x-1"), new ItemInput("丙", "X3")], AsOf, T0, "t", "s");

        Assert.Equal(["no:X3"], again.Select(c => c.Key));
    }

    [Fact]
    public void CountFor_ItemClaimedByTwoUnits_CountsOnceForTheFirst()
    {
        var claims = Claim([], "a", 0, new ItemInput("甲", "X1"), new ItemInput("乙", "X2"));
        Claim(claims, "b", 5, new ItemInput("甲", "x1"), new ItemInput("丁", "X4"));
        Claim(claims, "c", 9, new ItemInput("甲", "X1"));

        Assert.Equal(2, ItemLedger.CountFor(claims, "a"));
        Assert.Equal(1, ItemLedger.CountFor(claims, "b"));
        Assert.Equal(0, ItemLedger.CountFor(claims, "c"));
        var duplicate = Assert.Single(ItemLedger.Duplicates(claims));
        Assert.Equal("no:X1", duplicate.Key);
        Assert.Equal("a", duplicate.CountedUnit);
        Assert.Equal(["b", "c"], duplicate.OtherUnits.ToArray());
        Assert.Equal(T0.AddMinutes(5), duplicate.FlaggedAt);
    }

    [Theory]
    [InlineData("", null, "缺少名称")]
    [InlineData("甲", "91-36#07", "字母和数字")]
    [InlineData("甲", "A12345678901234567890123456789012345678901", "不能超过")]
    public void Problem_NamesWhatIsWrong(string name, string? number, string says) =>
        Assert.Contains(says, ItemKeys.Problem(new ItemInput(name, number)), StringComparison.Ordinal);
}
