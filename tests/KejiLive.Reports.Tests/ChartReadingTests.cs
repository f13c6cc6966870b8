using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Weekly;
using ScottPlot;
using ScottPlot.Plottables;

namespace KejiLive.Reports.Tests;

/// <summary>What a leader reads off the charts: no colour that looks like a light unless it is one, a legend for every
/// colour drawn, the forecast from the figure it carries on, the unit written level, no target lost to a cut name.</summary>
public class ChartReadingTests
{
    private static readonly Color[] LightColours = [ChartPalette.For(Light.Red), ChartPalette.For(Light.Yellow), ChartPalette.For(Light.Green)];

    [Fact]
    public void Ranking_BarsAreNoLightColour_AndEveryColourHasItsLegend()
    {
        RankingRow Row(string name, double score, int rank) => new(name, name, score, rank, null, null, 0, 0);
        var plt = RankingChart.Build([Row("甲", 103.4, 1), Row("乙", 92.1, 2), Row("丙", 78.7, 3), Row("丁", 24.2, 4)]);

        var bars = plt.GetPlottables<BarPlot>().Single().Bars;
        Assert.Equal(4, bars.Count);
        Assert.All(bars, b => Assert.DoesNotContain(b.FillColor, LightColours));
        var legend = plt.Legend.ManualItems.Select(i => i.FillColor).ToHashSet();
        Assert.Equal(bars.Select(b => b.FillColor).ToHashSet(), legend);
        Assert.Equal(3, legend.Count);
        Assert.All(plt.Legend.ManualItems, i => Assert.Contains("得分", i.LabelText));
    }

    [Fact]
    public void Ranking_LegendSitsOutsideTheBars_SoNoUnitsBarOrScoreIsCovered()
    {
        // A 20-unit week (W42): the last three units' bars ended under the legend drawn in the lower right of the bars.
        var scores = new[] { 102.7, 98.0, 96.7, 93.4, 92.5, 92.3, 92.2, 91.0, 90.7, 90.7, 90.4, 89.4, 88.0, 85.6, 84.0, 83.9, 83.1, 82.6, 78.4, 69.8 };
        var plt = RankingChart.Build([.. scores.Select((s, i) => new RankingRow($"u{i}", $"单位{i}", s, i + 1, null, null, 0, 0))]);
        using var bitmap = SkiaSharp.SKBitmap.Decode(ChartPng.Encode(plt, RankingChart.Width, RankingChart.HeightFor(scores.Length)));
        var data = plt.LastRender.DataRect;

        Assert.False(plt.Legend.IsVisible); // no legend inside the bars' area
        // Every bar colour has its legend swatch, drawn below the bars' area.
        var colours = plt.GetPlottables<BarPlot>().Single().Bars.Select(b => b.FillColor).ToHashSet();
        Assert.Equal(colours, plt.Legend.ManualItems.Select(i => i.FillColor).ToHashSet());
        foreach (var c in colours)
        {
            var swatch = new SkiaSharp.SKColor(c.R, c.G, c.B);
            var below = Enumerable.Range((int)data.Bottom + 1, bitmap.Height - (int)data.Bottom - 1)
                .Any(y => Enumerable.Range(0, bitmap.Width).Any(x => bitmap.GetPixel(x, y) == swatch));
            Assert.True(below, $"no legend swatch of {c} below the bars (data area ends at {data.Bottom} of {bitmap.Height})");
        }
    }

    [Theory]
    [InlineData(100, 0)]
    [InlineData(99.99, 1)]
    [InlineData(80, 1)]
    [InlineData(79.9, 2)]
    [InlineData(0, 2)]
    public void Ranking_BandOfScore(double score, int band) => Assert.Equal(band, RankingChart.BandOf(score));

    [Fact]
    public void Forecast_StartsAtTheFigureItCarriesOn_WhenThatFigureArrivedAfterItsDataDate()
    {
        // W15: the 31 March figure 1.7 arrived on 3–8 April; the forecast (1.7 at year end) is dated 31 March.
        var s = Series(actual: [(1, 1, 0), (4, 3, 1.25), (4, 8, 1.7), (4, 13, 1.7)], from: new DateOnly(2025, 3, 31), forecast: 1.7);

        var line = ForecastLine(ProgressChart.Build(s));

        Assert.Equal((new DateOnly(2025, 3, 31).DayOfYear, 1.7), (line[0].X, line[0].Y));
        Assert.Equal(1.7, line[^1].Y);
    }

    [Fact]
    public void Forecast_StartsAtTheNewestActual_WhenTheLineIsDatedByDataDate()
    {
        // The alert chart dates its line by data date: the same start.
        var s = Series(actual: [(6, 30, 20), (9, 30, 49), (10, 12, 49)], from: new DateOnly(2025, 9, 30), forecast: 150);

        var line = ForecastLine(ProgressChart.Build(s));

        Assert.Equal(49, line[0].Y);
        Assert.Equal(150, line[^1].Y);
    }

    [Fact]
    public void ProgressChart_WritesItsUnitLevel_NotBesideTheValueAxis()
    {
        var plt = ProgressChart.Build(Series(actual: [(1, 1, 0), (4, 13, 3)], from: null, forecast: null));

        Assert.DoesNotContain("个", plt.Axes.Left.Label.Text);
        Assert.Equal("纵轴单位：个", plt.Axes.Bottom.Label.Text);
        Assert.Equal(0, plt.Axes.Bottom.Label.Rotation);
    }

    [Fact]
    public void RateChart_LegendNamesEveryLightTheBarsUse()
    {
        var plt = RateChart.Build("t", [("甲", 0.9, 1.0, Light.Yellow), ("乙", 0.2, 1.0, Light.Red), ("丙", 1.1, 1.0, Light.Green)]);

        var legend = plt.Legend.ManualItems.ToDictionary(i => i.FillColor, i => i.LabelText);
        Assert.Equal("完成率（红灯）", legend[ChartPalette.For(Light.Red)]);
        Assert.Equal("完成率（黄灯）", legend[ChartPalette.For(Light.Yellow)]);
        Assert.Equal("完成率（绿灯）", legend[ChartPalette.For(Light.Green)]);
        Assert.Equal("序时进度", legend[ChartPalette.Schedule]);
        Assert.All(plt.GetPlottables<BarPlot>().Single().Bars, b => Assert.Contains(b.FillColor, legend.Keys));
    }

    [Fact]
    public void RateChart_LegendLeavesOutLightsNotDrawn()
    {
        var plt = RateChart.Build("t", [("甲", 0.9, 1.0, Light.Green)]);

        Assert.Equal(["完成率（绿灯）", "序时进度"], plt.Legend.ManualItems.Select(i => i.LabelText));
    }

    [Fact]
    public void RateChart_ZeroCompletion_HasAMarkInItsLightAndItsValue()
    {
        var plt = RateChart.Build("t", [("甲", 0, 0.5, Light.Red), ("乙", 0.6, 0.5, Light.Green)]);

        var mark = Assert.Single(plt.GetPlottables<Marker>());
        Assert.Equal(ChartPalette.For(Light.Red), mark.MarkerStyle.FillColor);
        Assert.Equal(2 + 0.18, mark.Location.Y, 6);
        var bars = plt.GetPlottables<BarPlot>().Single().Bars;
        Assert.Equal("0.0%", bars.Single(b => b.FillColor == ChartPalette.For(Light.Red)).Label);
        Assert.Equal("60.0%", bars.Single(b => b.FillColor == ChartPalette.For(Light.Green)).Label);
    }

    [Theory]
    [InlineData("研发投入强度", "研发投入强度")]
    [InlineData("规模以上工业企业研发支出占营业收入比重稳中有增", "规模以上工业企业研发支出\n占营业收入比重稳中有增")]
    [InlineData("实施省自然科学基金赣南苏区创新发展联合基金和稀土联合基金", "实施省自然科学基金赣南苏区创\n新发展联合基金和稀土联合基金")]
    [InlineData("一季度：完善“第一议题”学习贯彻，开展理论学习中心组集中学习", "一季度：完善“第一议题”学习\n贯彻，开展理论学习中心组集…")]
    public void RateChart_NameWrapsOntoTwoLines_CutOnlyBeyond(string name, string expected)
    {
        Assert.Equal(expected, RateChart.Wrap(name, RateChart.NameLine, RateChart.NameLines));
    }

    [Theory]
    [InlineData(-0.00001, "0.0%")]
    [InlineData(0.8376, "83.8%")]
    [InlineData(2.13, "213.0%")]
    public void RateChart_Percent(double rate, string text) => Assert.Equal(text, RateChart.Percent(rate));

    private static Coordinates[] ForecastLine(Plot plt) =>
        [.. plt.GetPlottables<Scatter>().Single(p => p.LegendText == "预测").Data.GetScatterPoints()];

    private static ProgressSeries Series((int M, int D, double V)[] actual, DateOnly? from, double? forecast)
    {
        ImmutableArray<TrajectoryPoint> plan =
            [new(new DateOnly(2025, 1, 1), 0, 0, 0), new(new DateOnly(2025, 12, 31), 2, 1.8, 1.4)];
        return new ProgressSeries("city__x", "赣州市 · 示例", "个", TargetKind.Count, Light.Red, plan,
            [.. actual.Select(a => new DatedValue(new DateOnly(2025, a.M, a.D), a.V))], new DateOnly(2025, 4, 13),
            forecast is { } f ? new Forecast(f, f * 0.9, f * 1.1) : null, from);
    }
}
