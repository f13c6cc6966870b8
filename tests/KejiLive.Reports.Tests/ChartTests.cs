using KejiLive.Domain.Weekly;
using ScottPlot;
using SkiaSharp;

namespace KejiLive.Reports.Tests;

public class ChartTests
{
    [Fact]
    public void Charts_EveryPngDecodesAtItsSize()
    {
        var pack = RenderedScenario.Pack;
        var charts = RenderedScenario.Files.Charts;
        var expected = new Dictionary<string, (int, int)>
        {
            [ChartNames.Headline] = (RateChart.Width, RateChart.HeightFor(pack.Summary.Count(r => r.Group == "main"))),
            [ChartNames.Ranking] = (RankingChart.Width, RankingChart.HeightFor(pack.Ranking.Count(r => r.Score is not null))),
        };
        foreach (var u in pack.Units) expected[u.ChartName] = (RateChart.Width, RateChart.HeightFor(u.Targets.Length));
        foreach (var s in pack.Charts) expected[s.Name] = (ProgressChart.Width, ProgressChart.Height);

        Assert.Equal(expected.Keys.Order(), charts.Keys.Order());
        foreach (var (name, png) in charts)
        {
            using var bitmap = SKBitmap.Decode(png);
            Assert.NotNull(bitmap);
            Assert.Equal(expected[name], (bitmap.Width, bitmap.Height));
        }
    }

    [Fact]
    public void Charts_ChineseGlyphsRender_NotBoxes()
    {
        ChartFonts.Require();
        var a = Text("赣州科技");
        var b = Text("周调度会");
        var box = Text("□");
        var gan = Text("赣");
        Assert.NotEqual(a, b);
        Assert.NotEqual(box, gan);
        Assert.NotEqual(Text(""), gan);
    }

    [Fact]
    public void Font_WhenMissing_IsReportedMissing()
    {
        Assert.True(ChartFonts.IsInstalled(ChartFonts.Family));
        Assert.False(ChartFonts.IsInstalled("No Such Family KejiLive"));
    }

    /// <summary>Pixels of a text drawn at 64 px in the middle of an otherwise empty plot.</summary>
    private static byte[] Text(string text)
    {
        var plt = new Plot();
        plt.Axes.Frameless();
        plt.HideGrid();
        var label = plt.Add.Text(text, 0, 0);
        label.LabelFontSize = 64;
        label.LabelAlignment = Alignment.MiddleCenter;
        using var bitmap = SKBitmap.Decode(ChartPng.Encode(plt, 320, 120));
        return bitmap.Bytes;
    }
}
