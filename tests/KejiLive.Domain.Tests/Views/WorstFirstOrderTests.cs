using KejiLive.Domain.Views;

namespace KejiLive.Domain.Tests.Views;

/// <summary>The target page's worst-first order kept as units change: red, yellow, green, grey; 未报送 first within a
/// light; lowest 较序时 first; then assignment order — and equal to a full sort after any sequence of changes.</summary>
public sealed class WorstFirstOrderTests
{
    [Theory]
    [InlineData("red", false, -40.0, "yellow", false, -80.0, true)]   // a light beats any gap
    [InlineData("yellow", false, -10.0, "green", false, -60.0, true)]
    [InlineData("green", false, 5.0, "grey", false, -90.0, true)]
    [InlineData("red", true, -31.0, "red", false, -90.0, true)]       // 未报送 first within a light
    [InlineData("red", false, -50.0, "red", false, -35.0, true)]      // then the lowest 较序时
    [InlineData("green", false, 0.0, "green", false, 0.0, true)]       // then assignment order (a before b)
    [InlineData("grey", false, 0.0, "red", false, -31.0, false)]
    public void Page_WhenTwoUnitsHeld_ListsTheWorseFirst(string lightA, bool nrA, double gapA, string lightB, bool nrB, double gapB, bool aFirst)
    {
        var order = new WorstFirstOrder();
        order.Set("b", lightB, nrB, gapB, position: 1);
        order.Set("a", lightA, nrA, gapA, position: 0);

        Assert.Equal(aFirst ? ["a", "b"] : new[] { "b", "a" }, order.Page(0, 10));
    }

    [Fact]
    public void Page_AfterRandomChanges_EqualsAFullSortAndPagesIt()
    {
        var rng = new Random(17);
        var lights = new[] { "red", "yellow", "green", "grey" };
        var order = new WorstFirstOrder();
        var held = new Dictionary<string, (string Light, bool NotReported, double Gap, int Position)>();
        for (var step = 0; step < 2000; step++)
        {
            var i = rng.Next(200);
            var unit = $"u{i:D3}";
            // Gaps from a few values, so ties fall through to 未报送 and the assignment order.
            var state = (lights[rng.Next(4)], rng.Next(3) == 0, rng.Next(-5, 3) * 10.0, i);
            order.Set(unit, state.Item1, state.Item2, state.Item3, state.i);
            held[unit] = state;
        }
        var expected = held.OrderBy(u => WorstFirstOrder.LightRank(u.Value.Light)).ThenBy(u => u.Value.NotReported ? 0 : 1)
            .ThenBy(u => u.Value.Gap).ThenBy(u => u.Value.Position).Select(u => u.Key).ToList();

        Assert.Equal(held.Count, order.Count);
        Assert.Equal(expected, order.Page(0, 1000));
        Assert.Equal(expected.Skip(50).Take(50), order.Page(50, 50));
        Assert.Equal(expected.Skip(190), order.Page(190, 50));
        Assert.Empty(order.Page(500, 50));
    }
}
