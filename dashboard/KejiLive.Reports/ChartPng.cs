using ScottPlot;
using SkiaSharp;

namespace KejiLive.Reports;

/// <summary>Draws a plot into a raster surface and encodes it as PNG with fast zlib settings: charts are flat colours
/// and lines, so level 3 loses little size and saves most of the encoding time of the default level.</summary>
internal static class ChartPng
{
    public static byte[] Encode(Plot plot, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Cannot create a {width}×{height} drawing surface.");
        plot.Render(surface.Canvas, width, height);
        using var image = surface.Snapshot();
        using var pixels = image.PeekPixels();
        using var data = pixels.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, 3));
        return data?.ToArray() ?? throw new InvalidOperationException("PNG encoding failed.");
    }
}
