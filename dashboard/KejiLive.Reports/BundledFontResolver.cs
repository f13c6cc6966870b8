using ScottPlot;
using SkiaSharp;

namespace KejiLive.Reports;

/// <summary>Gives ScottPlot the bundled Noto Sans SC, regular and bold, loaded once from the files with their bounding
/// box narrowed to the line (<see cref="SfntBounds"/>), so labels sit inside their boxes.</summary>
internal sealed class BundledFontResolver(string family, SKTypeface regular, SKTypeface bold) : IFontResolver
{
    public static BundledFontResolver Load(string family, string regularPath, string boldPath) =>
        new(family, Load(regularPath), Load(boldPath));

    private static SKTypeface Load(string path)
    {
        using var data = SKData.CreateCopy(SfntBounds.NarrowToLine(File.ReadAllBytes(path)));
        return SKTypeface.FromData(data) ?? throw new InvalidDataException($"SkiaSharp cannot load the font {path}.");
    }

    public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing spacing) =>
        string.Equals(fontName, family, StringComparison.OrdinalIgnoreCase) ? (weight >= FontWeight.SemiBold ? bold : regular) : null;

    public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
        CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal, italic ? FontSlant.Italic : FontSlant.Upright, FontSpacing.Normal);
}
