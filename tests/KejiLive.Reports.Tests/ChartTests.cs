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
        ChartFonts.Configure();
        var a = Text("赣州科技");
        var b = Text("周调度会");
        var box = Text("□");
        var gan = Text("赣");
        Assert.NotEqual(a, b);
        Assert.NotEqual(box, gan);
        Assert.NotEqual(Text(""), gan);
    }

    [Fact]
    public void Font_FromTheBuild_IsTheBundledNotoSansSc()
    {
        var choice = ChartFonts.Configure();
        Assert.Equal(ChartFontSource.Bundled, choice.Source);
        Assert.Equal(ChartFonts.BundledFamily, choice.Family);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, ChartFonts.RegularFile), choice.RegularPath);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, ChartFonts.BoldFile), choice.BoldPath);
        Assert.Equal(ChartFonts.BundledFamily, Fonts.Default);
    }

    [Fact]
    public void Font_LicenceTravelsWithIt()
    {
        var licence = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fonts", "NotoSansSC-OFL.txt"));
        Assert.Contains("SIL Open Font License, Version 1.1", licence);
    }

    [Fact]
    public void Font_WhenBundledFilesMissing_FallsBackWithoutThrowing()
    {
        var empty = Directory.CreateTempSubdirectory("keji-nofont-");
        try
        {
            var choice = ChartFonts.Choose(empty.FullName);
            Assert.NotEqual(ChartFontSource.Bundled, choice.Source);
            Assert.Null(choice.RegularPath);
            Assert.Equal(choice.Source == ChartFontSource.System, ChartFonts.SystemFamilies.Contains(choice.Family));
            Assert.NotEmpty(choice.Describe());
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("fonts/NotoSansSC-OFL.txt")]
    [InlineData("no-such-file.ttf")]
    public void FontFile_WhenNotAFontOrMissing_DoesNotDrawChinese(string relative)
    {
        Assert.False(ChartFonts.FileDrawsChinese(Path.Combine(AppContext.BaseDirectory, relative)));
        Assert.True(ChartFonts.FileDrawsChinese(Path.Combine(AppContext.BaseDirectory, ChartFonts.RegularFile)));
    }

    [Fact]
    public void Font_WhenFamilyMissing_IsReportedMissing()
    {
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
