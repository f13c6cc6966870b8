using KejiLive.Domain.Weekly;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace KejiLive.Reports;

/// <summary>The 赛马 ranking as horizontal bars, best at the top, coloured by score band (≥ 100 green, ≥ 80 yellow,
/// below red); units without a score are left out (they are listed in the table).</summary>
internal static class RankingChart
{
    public const int Width = 1000;

    public static int HeightFor(int rows) => 140 + (Math.Max(rows, 1) * 30);

    public static byte[] Render(IReadOnlyList<RankingRow> ranking)
    {
        var rows = ranking.Where(r => r.Score is not null).ToList();
        var plt = new Plot();
        var bars = new List<Bar>();
        var ticks = new NumericManual();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var y = rows.Count - i;
            var score = r.Score!.Value;
            var color = score >= 100 ? Domain.Progress.Light.Green : score >= 80 ? Domain.Progress.Light.Yellow : Domain.Progress.Light.Red;
            bars.Add(new Bar
            {
                Position = y,
                Value = score,
                FillColor = ChartPalette.For(color),
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
        return ChartPng.Encode(plt, Width, HeightFor(rows.Count));
    }
}
