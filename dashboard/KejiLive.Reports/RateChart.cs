using KejiLive.Domain.Progress;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace KejiLive.Reports;

/// <summary>完成率 against 序时进度 for a list of targets, as horizontal bar pairs (the 完成率 bar in its light's colour),
/// capped at 150% so one far-ahead target does not squash the rest.</summary>
internal static class RateChart
{
    public const int Width = 1000;
    private const double Cap = 1.5;

    public static int HeightFor(int rows) => 140 + (rows * 36);

    public static byte[] Render(string title, IReadOnlyList<(string Name, double CompletionRate, double ScheduleRate, Light Light)> rows)
    {
        var plt = new Plot();
        var bars = new List<Bar>();
        var ticks = new NumericManual();
        for (var i = 0; i < rows.Count; i++)
        {
            var (name, cr, sr, light) = rows[i];
            var y = rows.Count - i;
            bars.Add(new Bar { Position = y + 0.18, Value = Math.Min(cr, Cap) * 100, FillColor = ChartPalette.For(light), Size = 0.34, LineWidth = 0 });
            bars.Add(new Bar { Position = y - 0.18, Value = Math.Min(sr, Cap) * 100, FillColor = ChartPalette.Schedule, Size = 0.34, LineWidth = 0 });
            ticks.AddMajor(y, Shorten(name, 16));
        }
        var plot = plt.Add.Bars(bars);
        plot.Horizontal = true;
        plt.Axes.Left.TickGenerator = ticks;
        plt.Axes.Left.TickLabelStyle.FontSize = 16;
        plt.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plt.Axes.SetLimitsX(0, Cap * 100 + 2);
        plt.Axes.SetLimitsY(0.4, rows.Count + 0.6);
        plt.XLabel("%", size: 14);
        plt.Title(title, size: 20);
        plt.Legend.ManualItems.Add(new LegendItem { LabelText = "完成率", FillColor = ChartPalette.For(Light.Green) });
        plt.Legend.ManualItems.Add(new LegendItem { LabelText = "序时进度", FillColor = ChartPalette.Schedule });
        plt.Legend.Alignment = Alignment.LowerRight;
        plt.Legend.FontSize = 15;
        plt.ShowLegend();
        var hundred = plt.Add.VerticalLine(100);
        hundred.Color = Colors.Gray;
        hundred.LinePattern = LinePattern.Dotted;
        return ChartPng.Encode(plt, Width, HeightFor(rows.Count));
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
