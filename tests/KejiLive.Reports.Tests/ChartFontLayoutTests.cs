using ScottPlot;
using SkiaSharp;

namespace KejiLive.Reports.Tests;

/// <summary>The bundled CJK font's tall bounding box must not push text out of its box (clipped legends and labels).</summary>
public class ChartFontLayoutTests
{
    [Fact]
    public void BundledFont_BoundingBox_IsTallerThanItsLine()
    {
        var (yMin, yMax, ascender, descender) = SfntBounds.Read(File.ReadAllBytes(RegularPath));
        Assert.True(yMax > ascender, $"yMax {yMax} ascender {ascender}");
        Assert.True(yMin < descender, $"yMin {yMin} descender {descender}");
    }

    [Fact]
    public void NarrowToLine_SetsTheBoxToTheLine_AndKeepsTheRest()
    {
        var original = File.ReadAllBytes(RegularPath);
        var narrowed = SfntBounds.NarrowToLine(original);
        var (yMin, yMax, ascender, descender) = SfntBounds.Read(narrowed);
        Assert.Equal((descender, ascender), (yMin, yMax));
        Assert.Equal(original.Length, narrowed.Length);
        Assert.InRange(original.Zip(narrowed).Count(p => p.First != p.Second), 1, 4); // the four bytes of yMin and yMax only
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'<', (byte)'h', (byte)'t', (byte)'m', (byte)'l', 0, 0, 0, 0, 0, 0, 0 })]
    public void NarrowToLine_WhenNotAFont_Throws(byte[] bytes)
    {
        Assert.Throws<InvalidDataException>(() => SfntBounds.NarrowToLine(bytes));
    }

    [Theory]
    [InlineData("赣州科技")]
    [InlineData("完成率")]
    public void CentredLabel_InkIsCentred_NotShiftedUp(string text)
    {
        ChartFonts.Configure();
        var plt = new Plot();
        plt.Axes.Frameless();
        plt.HideGrid();
        var label = plt.Add.Text(text, 0, 0);
        label.LabelFontSize = 48;
        label.LabelAlignment = Alignment.MiddleCenter;
        const int height = 160;
        using var bitmap = SKBitmap.Decode(ChartPng.Encode(plt, 400, height));
        var rows = Enumerable.Range(0, height).Where(y => Enumerable.Range(0, bitmap.Width).Any(x => bitmap.GetPixel(x, y).Red < 128)).ToArray();
        Assert.NotEmpty(rows);
        var inkCentre = (rows[0] + rows[^1]) / 2.0;
        Assert.InRange(inkCentre, height / 2.0 - 8, height / 2.0 + 8);
    }

    private static string RegularPath => Path.Combine(AppContext.BaseDirectory, ChartFonts.RegularFile);
}
