using KejiLive.Domain.Views;

namespace KejiLive.Domain.Tests.Views;

public class RankingOrderTests
{
    /// <summary>The rule as the ranking grain applied it before the maintained order: a full sort on every read.</summary>
    private static List<RankedUnit> FullSort(IReadOnlyDictionary<string, double> scores)
    {
        var ordered = scores.OrderByDescending(kv => Math.Round(kv.Value, 2)).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var result = new List<RankedUnit>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && Math.Round(ordered[i].Value, 2) == Math.Round(ordered[i - 1].Value, 2) ? result[i - 1].Rank : i + 1;
            result.Add(new RankedUnit(ordered[i].Key, ordered[i].Value, rank));
        }
        return result;
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 20)]
    [InlineData(3, 60)]
    [InlineData(2025, 300)]
    public void All_WhenRandomUpdates_EqualsFullSort(int seed, int units)
    {
        var rng = new Random(seed);
        var order = new RankingOrder();
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        // Few distinct values, some within 0.01 of each other, so ties (并列) and near-ties are common.
        double[] palette = [0, 50, 50.004, 50.006, 99.999, 100, 100.001, 120];
        for (var step = 0; step < 2000; step++)
        {
            var unit = $"u{rng.Next(units):D4}";
            double? score = rng.Next(10) switch
            {
                0 => null,
                < 6 => palette[rng.Next(palette.Length)],
                _ => Math.Round(rng.NextDouble() * 120, rng.Next(0, 4)),
            };
            order.Set(unit, score);
            if (score is { } s) scores[unit] = s;
            else scores.Remove(unit);

            if (step % 50 != 0) continue;
            var full = FullSort(scores);
            Assert.Equal(full, order.All());
            Assert.Equal(full.Take(7), order.Top(7));
            Assert.Equal(full.Skip(Math.Max(0, full.Count - 7)), order.Bottom(7));
            foreach (var r in full) Assert.Equal(r.Rank, order.PlaceOf(r.Unit));
        }
    }

    [Theory]
    [InlineData(new[] { 90.0, 80, 80, 70 }, new[] { 1, 2, 2, 4 })]
    [InlineData(new[] { 100.001, 100.004, 99.996 }, new[] { 1, 1, 1 })]
    [InlineData(new[] { 50.0, 50.006 }, new[] { 2, 1 })]
    [InlineData(new[] { 120.0 }, new[] { 1 })]
    public void PlaceOf_WhenScoresAgreeToHundredths_Shares(double[] scores, int[] places)
    {
        var order = new RankingOrder();
        for (var i = 0; i < scores.Length; i++) order.Set($"u{i}", scores[i]);
        for (var i = 0; i < scores.Length; i++) Assert.Equal(places[i], order.PlaceOf($"u{i}"));
    }

    [Theory]
    [InlineData(40, 40, 40)]
    [InlineData(41, 40, 20)]
    [InlineData(2850, 40, 20)]
    public void ForWall_WhenManyUnits_ShowsLeadersAndLaggardsOnly(int units, int showAllUpTo, int shown)
    {
        var order = new RankingOrder();
        for (var i = 0; i < units; i++) order.Set($"u{i:D4}", i % 97);
        var wall = order.ForWall(showAllUpTo, 10, 10);
        Assert.Equal(shown, wall.Length);
        var full = order.All();
        Assert.Equal(full.Take(Math.Min(10, shown == units ? units : 10)), wall.Take(Math.Min(10, shown)));
        Assert.Equal(full[^1], wall[^1]);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(80.0, false)]
    [InlineData(80.001, true)]
    public void Set_WhenScoreUnchanged_ReportsNoChange(double? again, bool changed)
    {
        var order = new RankingOrder();
        order.Set("a", 80);
        if (again is null)
        {
            Assert.False(order.Set("b", null));
            return;
        }
        Assert.Equal(changed, order.Set("a", again));
    }
}
