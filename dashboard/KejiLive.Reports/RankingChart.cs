using KejiLive.Domain.Weekly;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace KejiLive.Reports;

/// <summary>The 赛马 ranking as horizontal bars, best at the top, in three shades of blue by score band (≥ 100, 80–100,
/// below 80) with a legend that says so: not the lights' red, yellow and green, which readers would take for lights
/// (a red bar read as a 红灯 the pack does not have). Units without a score are left out (they are listed in the table).</summary>
internal static class RankingChart
{
    public const int Width = 1000;

    /// <summary>The score bands, best first: the lower bound, the bar colour and the legend text.</summary>
    public static readonly IReadOnlyList<(double From, Color Color, string Legend)> Bands =
    [
        (100, ChartPalette.RankHigh, "得分 ≥ 100（达到或快于序时进度）"),
        (80, ChartPalette.RankMiddle, "得分 80～100"),
        (double.NegativeInfinity, ChartPalette.RankLow, "得分 < 80"),
    ];

    public static int HeightFor(int rows) => 180 + (Math.Max(rows, 1) * 30);

    public static byte[] Render(IReadOnlyList<RankingRow> ranking)
    {
        var rows = ranking.Count(r => r.Score is not null);
        return ChartPng.Encode(Build(ranking), Width, HeightFor(rows));
    }

    /// <summary>The band of a score (an index into <see cref="Bands"/>).</summary>
    public static int BandOf(double score)
    {
        for (var i = 0; i < Bands.Count; i++)
        {
            if (score >= Bands[i].From) return i;
        }
        return Bands.Count - 1;
    }

    public static Plot Build(IReadOnlyList<RankingRow> ranking)
    {
        var rows = ranking.Where(r => r.Score is not null).ToList();
        var plt = new Plot();
        var bars = new List<Bar>();
        var ticks = new NumericManual();
        var used = new SortedSet<int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = rows.Count - i;
            var score = r.Score!.Value;
            var band = BandOf(score);
            used.Add(band);
            bars.Add(new Bar
            {
                Position = y,
                Value = score,
                FillColor = Bands[band].Color,
                Size = 0.7,
                LineWidth = 0,
                Label = score.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
            });
            ticks.AddMajor(y, $"{r.Rank}. {r.UnitName}");
        }
        var plot = plt.Add.Bars(bars);
        plot.Horizontal = true;
        plot.ValueLabelStyle.FontSize = 12;
        plt.Axes.Left.TickGenerator = ticks;
        plt.Axes.Left.TickLabelStyle.FontSize = 16;
        plt.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plt.Axes.SetLimitsX(0, 130);
        plt.Axes.SetLimitsY(0.4, Math.Max(rows.Count, 1) + 0.6);
        plt.XLabel("得分", size: 14);
        plt.Title("赛马排名（得分）", size: 20);
        foreach (var band in used)
        {
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = Bands[band].Legend, FillColor = Bands[band].Color });
        }
        plt.Legend.FontSize = 14;
        plt.Legend.Orientation = Orientation.Horizontal;
        // Below the axis, outside the bars: inside the data area the legend covered the last units' bars and scores
        // (大余县's 82.6 under it in a 20-unit week), exactly the rows the meeting reads for who is behind.
        if (used.Count > 0) plt.ShowLegend(Edge.Bottom);
        return plt;
    }
}
