using System.Collections.Concurrent;
using System.Collections.Immutable;
using KejiLive.Domain.Weekly;

namespace KejiLive.Reports;

/// <summary>Renders a pack with ScottPlot (PNG), HTML and MiniExcel (XLSX). Creating one chooses the charts' Chinese
/// font (<see cref="ChartFonts.Configure()"/>: the bundled one, else an installed one).</summary>
public sealed class WeeklyPackRenderer : IWeeklyPackRenderer
{
    public WeeklyPackRenderer() => ChartFonts.Configure();

    public RenderedPack Render(WeeklyPack pack, int version, Func<string, string> chartUrl)
    {
        var jobs = new List<(string Name, Func<byte[]> Draw)>
        {
            (ChartNames.Headline, () => RateChart.Render("主要目标：完成率与序时进度",
                [.. pack.Summary.Where(r => r.Group == "main").Select(r => (r.Name, r.CompletionRate, r.ScheduleRate, r.Light))])),
            (ChartNames.Ranking, () => RankingChart.Render(RankingRows(pack))),
        };
        foreach (var u in pack.Units.Where(u => u.Printed))
        {
            jobs.Add((u.ChartName, () => RateChart.Render($"{u.Name}：完成率与序时进度",
                [.. u.Targets.Select(t => (t.TargetName, t.CompletionRate, t.ScheduleRate, t.Light))])));
        }
        foreach (var s in pack.Charts) jobs.Add((s.Name, () => ProgressChart.Render(s)));

        // Plots are independent: draw them on every core. The result does not depend on the order.
        var charts = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        Parallel.ForEach(jobs, job => charts[job.Name] = job.Draw());
        return new RenderedPack(
            PackHtml.Render(pack, version, chartUrl),
            PackXlsx.Render(pack, version),
            charts.ToImmutableDictionary(StringComparer.Ordinal));
    }

    /// <summary>The ranking chart's bars: every unit, or a condensed pack's two ends (<see cref="PackScope.Excerpt"/>).</summary>
    private static IReadOnlyList<RankingRow> RankingRows(WeeklyPack pack)
    {
        if (!pack.Condensed) return pack.Ranking;
        var (top, bottom, _) = PackScope.Excerpt(pack.Ranking);
        return [.. top, .. bottom];
    }
}
