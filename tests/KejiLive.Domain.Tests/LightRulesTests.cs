using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Tests;

public class LightRulesTests
{
    private static readonly Thresholds T = new(10, 30, 2, 15, 2);

    [Theory]
    [InlineData(5, Light.Green)]
    [InlineData(-9.99, Light.Green)]
    [InlineData(-10, Light.Yellow)]
    [InlineData(-9.999999999999998, Light.Yellow)]
    [InlineData(-29.99, Light.Yellow)]
    [InlineData(-30, Light.Red)]
    [InlineData(-100, Light.Red)]
    public void Raw_ComparesGapWithThresholds(double gap, Light expected)
    {
        Assert.Equal(expected, LightRules.Raw(gap, T));
    }

    [Theory]
    [InlineData(-5, Light.Grey, Light.Green)]
    [InlineData(-10, Light.Grey, Light.Yellow)]
    [InlineData(-35, Light.Grey, Light.Red)]
    [InlineData(-10, Light.Green, Light.Yellow)]
    [InlineData(-30, Light.Green, Light.Red)]
    [InlineData(-9, Light.Yellow, Light.Yellow)]
    [InlineData(-8, Light.Yellow, Light.Yellow)]
    [InlineData(-7.9, Light.Yellow, Light.Green)]
    [InlineData(-30, Light.Yellow, Light.Red)]
    [InlineData(-29, Light.Red, Light.Red)]
    [InlineData(-28, Light.Red, Light.Red)]
    [InlineData(-27.9, Light.Red, Light.Yellow)]
    [InlineData(-8, Light.Red, Light.Yellow)]
    [InlineData(-7.9, Light.Red, Light.Green)]
    [InlineData(0, Light.Red, Light.Green)]
    public void Judge_ImprovesOnlyPastHysteresisAndWorsensImmediately(double gap, Light previous, Light expected)
    {
        Assert.Equal(expected, LightRules.Judge(gap, T, previous));
    }

    [Fact]
    public void Judge_Sequence_FromGreenThroughRedAndBack()
    {
        double[] gaps = [-5, -11, -9, -7, -31, -28, -27, -9, -7];
        Light[] expected = [Light.Green, Light.Yellow, Light.Yellow, Light.Green, Light.Red, Light.Red, Light.Yellow, Light.Yellow, Light.Green];
        var light = Light.Grey;
        var seen = new List<Light>();
        foreach (var g in gaps)
        {
            light = LightRules.Judge(g, T, light);
            seen.Add(light);
        }
        Assert.Equal(expected, seen);
    }

    [Fact]
    public void Judge_WithZeroHysteresis_IsRaw()
    {
        var t = T with { HysteresisPoints = 0 };
        Assert.Equal(Light.Green, LightRules.Judge(-9.9, t, Light.Red));
        Assert.Equal(Light.Yellow, LightRules.Judge(-29.9, t, Light.Red));
    }

    [Theory]
    [InlineData(3, 3, Light.Green)]
    [InlineData(2, 3, Light.Green)]
    [InlineData(5, 3, Light.Yellow)]
    [InlineData(6, 3, Light.Red)]
    public void Rank_LowerPlaceIsBetter(double place, double goal, Light expected)
    {
        Assert.Equal(expected, LightRules.Rank(place, goal, T));
    }
}
