using KejiLive.Grains.Abstractions.Items;
using KejiLive.Grains.Abstractions.Keys;

namespace KejiLive.Grains.Tests;

/// <summary>The item registry of a count target on the in-process cluster over the real SQLite storage: claims, counts,
/// cross-unit duplicates, and all of it after a restart.</summary>
public sealed class ItemRegistryTests
{
    private static readonly DateTimeOffset Start = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static ItemClaimBatch Batch(string unit, params (string Name, string? Number)[] items) => new()
    {
        Unit = unit,
        AsOf = new DateOnly(2025, 6, 30),
        Items = [.. items.Select(i => new ItemLine { Name = i.Name, RegistrationNumber = i.Number })],
        SubmittedBy = "tester",
        Source = "127.0.0.1",
    };

    [Fact]
    public async Task Registry_AfterRestart_KeepsItemsCountsAndDuplicates()
    {
        var path = KejiCluster.NewDatabasePath();
        try
        {
            await using (var first = await KejiCluster.StartAsync(Start, path))
            {
                var registry = first.Client.GetGrain<IItemRegistryGrain>(GrainKeys.Items("hi-tech-enterprises"));
                var preview = await registry.PreviewAsync(Batch("360702", ("甲公司", "91360702MA0000001A")));
                Assert.Equal((1, 1), (preview.Count, preview.Added));
                Assert.Empty(await registry.GetItemsAsync("360702")); // a preview stores nothing

                var a = await registry.ClaimAsync(Batch("360702", ("甲公司", "91360702MA0000001A"), ("乙公司", "91360702MA0000002B")));
                var b = await registry.ClaimAsync(Batch("360703", ("甲公司（分公司填报）", "91360702 ma0000001a"), ("丙团队", null)));
                var again = await registry.ClaimAsync(Batch("360703", ("丙团队", null)));

                Assert.Equal((2, 2), (a.Count, a.Added));
                Assert.Equal((1, 2), (b.Count, b.Added));
                Assert.Equal("360702", Assert.Single(b.Duplicates).CountedBy);
                Assert.Equal((1, 0), (again.Count, again.Added));
            }

            await using var second = await KejiCluster.StartAsync(Start.AddDays(1), path);
            var restarted = second.Client.GetGrain<IItemRegistryGrain>(GrainKeys.Items("hi-tech-enterprises"));
            var items = await restarted.GetItemsAsync("360703");
            var duplicate = Assert.Single(await restarted.GetDuplicatesAsync());
            var tally = await restarted.PreviewAsync(Batch("360703"));

            Assert.Equal([("甲公司（分公司填报）", false, "360702"), ("丙团队", true, null)], items.Select(i => (i.Name, i.Counted, i.CountedBy)));
            Assert.Equal(("no:91360702MA0000001A", "360702"), (duplicate.Key, duplicate.CountedUnit));
            Assert.Equal(["360703"], duplicate.OtherUnits.ToArray());
            Assert.Equal(1, tally.Count);
            Assert.Equal(2, (await restarted.PreviewAsync(Batch("360702"))).Count);
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task Claim_ForAUnitWithoutAShare_IsRefused()
    {
        await using var keji = await KejiCluster.StartAsync(Start);
        try
        {
            // high-growth-firms is not split to 360733.
            var registry = keji.Client.GetGrain<IItemRegistryGrain>(GrainKeys.Items("high-growth-firms"));
            await Assert.ThrowsAsync<ArgumentException>(() => registry.ClaimAsync(Batch("360733", ("甲公司", null))));
        }
        finally
        {
            await keji.StopAsync();
            KejiCluster.DeleteDatabase(keji.DatabasePath);
        }
    }
}
