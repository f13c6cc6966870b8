using SkiaSharp;

namespace KejiLive.Reports;

/// <summary>The font every chart uses for Chinese text. ScottPlot's automatic font detection finds nothing on Linux and
/// a fresh server has no CJK font at all, so the build ships one: Noto Sans SC (SIL OFL 1.1, licence beside it), copied
/// to <c>fonts/</c> next to the binaries by <c>Fonts.targets</c>. The bundled font comes first, so charts look the same
/// on every machine; an installed CJK family is the fallback when the files were removed; with neither, charts still
/// render (Chinese as boxes) and <see cref="Configure()"/> says so — a missing font never stops the system.</summary>
public static class ChartFonts
{
    /// <summary>The family name the bundled font is registered under in ScottPlot.</summary>
    public const string BundledFamily = "Noto Sans SC";

    /// <summary>The bundled files, relative to the application's base directory.</summary>
    public const string RegularFile = "fonts/NotoSansSC-Regular.ttf";

    /// <inheritdoc cref="RegularFile"/>
    public const string BoldFile = "fonts/NotoSansSC-Bold.ttf";

    /// <summary>Installed families tried, in order, when the bundled files are missing (Debian: <c>fonts-wqy-microhei</c>,
    /// <c>fonts-noto-cjk</c>).</summary>
    public static readonly IReadOnlyList<string> SystemFamilies = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Noto Sans SC"];

    /// <summary>Text every candidate must be able to draw.</summary>
    internal const string Probe = "赣州科技周调度";

    private static readonly Lock Gate = new();
    private static ChartFontChoice? _choice;

    /// <summary>The font in use, once <see cref="Configure()"/> has run.</summary>
    public static ChartFontChoice? Current { get { lock (Gate) return _choice; } }

    /// <summary>Chooses the charts' font and makes it ScottPlot's default, once per process (later calls return the
    /// first choice). Never throws for a missing font: the choice says what was found.</summary>
    public static ChartFontChoice Configure() => Configure(AppContext.BaseDirectory);

    /// <summary>As <see cref="Configure()"/>, looking for the bundled files under <paramref name="baseDirectory"/>.</summary>
    public static ChartFontChoice Configure(string baseDirectory)
    {
        lock (Gate)
        {
            if (_choice is not null) return _choice;
            var choice = Choose(baseDirectory);
            if (choice.Source == ChartFontSource.Bundled)
            {
                ScottPlot.Fonts.FontResolvers.Insert(0,
                    BundledFontResolver.Load(BundledFamily, choice.RegularPath!, choice.BoldPath ?? choice.RegularPath!));
            }
            if (choice.Source != ChartFontSource.None) ScottPlot.Fonts.Default = choice.Family;
            _choice = choice;
            return choice;
        }
    }

    /// <summary>Which font <see cref="Configure(string)"/> would take, without changing ScottPlot.</summary>
    public static ChartFontChoice Choose(string baseDirectory)
    {
        var installed = InstalledCjkFamilies();
        var regular = Path.Combine(baseDirectory, RegularFile);
        var bold = Path.Combine(baseDirectory, BoldFile);
        if (FileDrawsChinese(regular))
        {
            return new ChartFontChoice(BundledFamily, ChartFontSource.Bundled, regular, FileDrawsChinese(bold) ? bold : null, installed);
        }
        foreach (var family in SystemFamilies)
        {
            if (IsInstalled(family)) return new ChartFontChoice(family, ChartFontSource.System, null, null, installed);
        }
        return new ChartFontChoice(ScottPlot.Fonts.Default, ChartFontSource.None, null, null, installed);
    }

    /// <summary>Every family installed on this machine (as SkiaSharp sees them) that can draw Chinese, sorted.</summary>
    public static IReadOnlyList<string> InstalledCjkFamilies() =>
        [.. SKFontManager.Default.GetFontFamilies().Distinct(StringComparer.Ordinal).Where(IsInstalled).Order(StringComparer.Ordinal)];

    /// <summary>True when SkiaSharp's font manager resolves <paramref name="family"/> to that very family and it has
    /// glyphs for Chinese text (a fallback font would have another name).</summary>
    public static bool IsInstalled(string family)
    {
        using var typeface = SKFontManager.Default.MatchFamily(family);
        if (typeface is null || !string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase)) return false;
        return typeface.ContainsGlyphs(Probe);
    }

    /// <summary>True when <paramref name="path"/> is a font file SkiaSharp can load and it has glyphs for Chinese.</summary>
    public static bool FileDrawsChinese(string path)
    {
        if (!File.Exists(path)) return false;
        using var typeface = SKTypeface.FromFile(path);
        return typeface is not null && typeface.ContainsGlyphs(Probe);
    }
}
