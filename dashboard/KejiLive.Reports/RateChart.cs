using System.Globalization;
using KejiLive.Domain.Progress;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace KejiLive.Reports;

/// <summary>完成率 against 序时进度 for a list of targets, as horizontal bar pairs (the 完成率 bar in its light's colour,
/// with its value written at its end so a 0% bar still shows), capped at 150% so one far-ahead target does not squash
/// the rest. The legend names each light colour the chart uses; target names wrap onto two lines.</summary>
internal static class RateChart
{
    public const int Width = 1000;
    private const double Cap = 1.5;

    /// <summary>Shorter 完成率 bars (in percent of the axis) get a mark so their light shows.</summary>
    public const double MinVisible = 0.5;

    /// <summary>Characters per line of a target's name, and lines at most.</summary>
    public const int NameLine = 14;
    public const int NameLines = 2;

    public static int HeightFor(int rows) => 140 + (rows * 44);

    public static byte[] Render(string title, IReadOnlyList<(string Name, double CompletionRate, double ScheduleRate, Light Light)> rows) =>
        ChartPng.Encode(Build(title, rows), Width, HeightFor(rows.Count));

    public static Plot Build(string title, IReadOnlyList<(string Name, double CompletionRate, double ScheduleRate, Light Light)> rows)
    {
        var plt = new Plot();
        var bars = new List<Bar>();
        var ticks = new NumericManual();
        for (var i = 0; i < rows.Count; i++)
        {
            var (name, cr, sr, light) = rows[i];
            var y = rows.Count - i;
            bars.Add(new Bar
            {
                Position = y + 0.18, Value = Math.Min(cr, Cap) * 100, FillColor = ChartPalette.For(light), Size = 0.34, LineWidth = 0,
                Label = Percent(cr),
            });
            if (Math.Min(cr, Cap) * 100 < MinVisible)
            {
                // Too short to see (0% above all): a mark in the light's colour at the axis, next to its "0.0%".
                var mark = plt.Add.Marker(0, y + 0.18, MarkerShape.FilledSquare, 11, ChartPalette.For(light));
                mark.LegendText = "";
            }
            bars.Add(new Bar { Position = y - 0.18, Value = Math.Min(sr, Cap) * 100, FillColor = ChartPalette.Schedule, Size = 0.34, LineWidth = 0 });
            ticks.AddMajor(y, Wrap(name, NameLine, NameLines));
        }
        var plot = plt.Add.Bars(bars);
        plot.Horizontal = true;
        plot.ValueLabelStyle.FontSize = 12;
        plt.Axes.Left.TickGenerator = ticks;
        plt.Axes.Left.TickLabelStyle.FontSize = 15;
        plt.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plt.Axes.SetLimitsX(0, Cap * 100 + 12);
        plt.Axes.SetLimitsY(0.4, rows.Count + 0.6);
        plt.XLabel("%", size: 14);
        plt.Title(title, size: 20);
        foreach (var light in LegendLights(rows.Select(r => r.Light)))
        {
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = $"完成率（{LightLegend(light)}）", FillColor = ChartPalette.For(light) });
        }
        plt.Legend.ManualItems.Add(new LegendItem { LabelText = "序时进度", FillColor = ChartPalette.Schedule });
        plt.Legend.Alignment = Alignment.LowerRight;
        plt.Legend.FontSize = 15;
        plt.ShowLegend();
        var hundred = plt.Add.VerticalLine(100);
        hundred.Color = Colors.Gray;
        hundred.LinePattern = LinePattern.Dotted;
        return plt;
    }

    /// <summary>The lights the bars use, in the order green, yellow, red, grey: each gets its legend entry.</summary>
    public static IEnumerable<Light> LegendLights(IEnumerable<Light> lights)
    {
        var used = lights.ToHashSet();
        return new[] { Light.Green, Light.Yellow, Light.Red, Light.Grey }.Where(used.Contains);
    }

    private static string LightLegend(Light light) => light switch
    {
        Light.Green => "绿灯",
        Light.Yellow => "黄灯",
        Light.Red => "红灯",
        _ => "灰灯，暂不评价",
    };

    /// <summary>The 完成率 written at the bar's end, one decimal: "0.0%" keeps a target with nothing done visible.</summary>
    public static string Percent(double rate) => (Math.Round(rate * 100, 1) + 0.0).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>The name in lines of at most <paramref name="perLine"/> characters, at most <paramref name="lines"/>
    /// lines; only a name longer than that is cut, with "…" at the end of the last line.</summary>
    public static string Wrap(string text, int perLine, int lines)
    {
        var max = perLine * lines;
        if (text.Length > max) text = text[..(max - 1)] + "…";
        // Lines of even length: 规模以上工业企业研发支出 / 占营业收入比重稳中有增, not 14 then 9.
        var count = (text.Length + perLine - 1) / perLine;
        var each = count == 0 ? 0 : (text.Length + count - 1) / count;
        var parts = new List<string>();
        for (var i = 0; i < text.Length; i += each) parts.Add(text.Substring(i, Math.Min(each, text.Length - i)));
        return string.Join("\n", parts);
    }
}
