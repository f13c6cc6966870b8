namespace KejiLive.Reports;

/// <summary>The font the charts use: its family name, where it came from, and the files when bundled.</summary>
public sealed record ChartFontChoice(string Family, ChartFontSource Source, string? RegularPath, string? BoldPath)
{
    /// <summary>One line for the start-up log.</summary>
    public string Describe() => Source switch
    {
        ChartFontSource.Bundled => $"charts use the bundled font {Family} ({RegularPath})",
        ChartFontSource.System => $"charts use the installed font {Family} (the bundled font files are missing)",
        _ => "no font that draws Chinese was found (the bundled fonts/ folder is missing and no CJK font is installed): "
            + "chart text in Chinese will show as boxes. Rebuild, or install fonts-wqy-microhei.",
    };
}
