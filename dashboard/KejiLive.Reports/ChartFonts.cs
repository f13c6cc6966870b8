using SkiaSharp;

namespace KejiLive.Reports;

/// <summary>The font every chart uses for Chinese text. ScottPlot's automatic font detection finds nothing on Linux,
/// so the family is set by name once, before any plot; a host without it must not start (it would draw boxes).</summary>
public static class ChartFonts
{
    /// <summary>The family (Debian/Ubuntu package <c>fonts-wqy-microhei</c>). <c>fonts-noto-cjk</c> renders the glyphs
    /// but breaks ScottPlot's layout (clipped legends and labels), so it is not an alternative.</summary>
    public const string Family = "WenQuanYi Micro Hei";

    private static readonly Lock Gate = new();
    private static bool _ready;

    /// <summary>Checks that <see cref="Family"/> is installed and can draw Chinese, and makes it ScottPlot's default.
    /// Safe to call many times.</summary>
    /// <exception cref="InvalidOperationException">The font is missing: the message says how to install it.</exception>
    public static void Require()
    {
        lock (Gate)
        {
            if (_ready) return;
            if (!IsInstalled(Family))
            {
                throw new InvalidOperationException(
                    $"KejiLive will not start: the font \"{Family}\" is not installed, so the weekly pack's charts would print " +
                    "boxes instead of Chinese. Install it (Debian/Ubuntu: apt-get install fonts-wqy-microhei) and start again.");
            }
            ScottPlot.Fonts.Default = Family;
            _ready = true;
        }
    }

    /// <summary>True when SkiaSharp's font manager resolves <paramref name="family"/> to that very family and it has
    /// glyphs for Chinese text (a fallback font would have another name).</summary>
    public static bool IsInstalled(string family)
    {
        using var typeface = SKFontManager.Default.MatchFamily(family);
        if (typeface is null || !string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase)) return false;
        return typeface.ContainsGlyphs("赣州科技周调度");
    }
}
