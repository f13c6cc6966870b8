namespace KejiLive.Domain.Weekly;

/// <summary>Turns a pack into files. Implemented outside the domain (ScottPlot, a spreadsheet library).</summary>
public interface IWeeklyPackRenderer
{
    /// <summary>Renders every chart, the HTML and the XLSX. <paramref name="version"/> is printed on the pack (1 for the
    /// first generation, +1 for each regeneration); <paramref name="chartUrl"/> maps a chart id to the URL the HTML uses.</summary>
    RenderedPack Render(WeeklyPack pack, int version, Func<string, string> chartUrl);
}
