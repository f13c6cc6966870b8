namespace KejiLive.Reports;

/// <summary>The font the charts use: its family name, where it came from, the files when bundled, and the families
/// installed on the machine that could draw Chinese (for the start-up log and for checks of a fresh machine).</summary>
public sealed record ChartFontChoice(
    string Family, ChartFontSource Source, string? RegularPath, string? BoldPath, IReadOnlyList<string> InstalledCjkFamilies)
{
    /// <summary>One line for the start-up log.</summary>
    public string Describe()
    {
        var installed = InstalledCjkFamilies.Count == 0 ? "none" : string.Join(", ", InstalledCjkFamilies.Take(5));
        return Source switch
        {
            ChartFontSource.Bundled => $"charts use the bundled font {Family} ({RegularPath}); CJK fonts installed on this machine: {installed}",
            ChartFontSource.System => $"charts use the installed font {Family} (the bundled font files are missing)",
            _ => "no font that draws Chinese was found (the bundled fonts/ folder is missing and no CJK font is installed): "
                + "chart text in Chinese will show as boxes. Rebuild, or install fonts-wqy-microhei.",
        };
    }
}
