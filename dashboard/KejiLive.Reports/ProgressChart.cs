using KejiLive.Domain.Progress;
using KejiLive.Domain.Weekly;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace KejiLive.Reports;

/// <summary>A target's year: the plan curve with its tolerance band (yellow and red zones below it), the actual value as
/// a step line up to the week's end, and the forecast to 31 December with its range.</summary>
internal static class ProgressChart
{
    public const int Width = 640;
    public const int Height = 320;

    public static byte[] Render(ProgressSeries s) => ChartPng.Encode(Build(s), Width, Height);

    /// <summary>Where the forecast line starts: at its data date (<see cref="ProgressSeries.ForecastFrom"/>), from the
    /// value the forecast was made from, the actual line's newest value. The actual line steps on the day a figure is
    /// received, which can be after its data date (a 30 September figure received on 8 October): the point of the line
    /// at the data date would be the value before that report (often 0), not the one the forecast carries on.</summary>
    public static double ForecastStart(ProgressSeries s) => s.Actual.IsDefaultOrEmpty ? 0 : s.Actual[^1].Value;

    /// <summary>The value axis's unit as the chart writes it, horizontally under the month axis.</summary>
    public static string UnitText(string measure) => $"纵轴单位：{measure}";

    public static Plot Build(ProgressSeries s)
    {
        var plt = new Plot();
        var year = s.Plan[0].Date.Year;
        double X(DateOnly d) => d.DayOfYear;
        var points = Breakpoints(s.Plan);
        var xs = points.Select(p => X(p.Date)).ToArray();
        var expected = points.Select(p => p.Expected).ToArray();
        var yellow = points.Select(p => p.YellowLine).ToArray();
        var red = points.Select(p => p.RedLine).ToArray();

        var yellowZone = plt.Add.FillY(xs, yellow, expected);
        yellowZone.FillColor = ChartPalette.YellowBand;
        yellowZone.LineWidth = 0;
        yellowZone.LegendText = "黄灯区";
        var redZone = plt.Add.FillY(xs, red, yellow);
        redZone.FillColor = ChartPalette.RedBand;
        redZone.LineWidth = 0;
        redZone.LegendText = "红灯区";

        var plan = plt.Add.ScatterLine(xs, expected);
        plan.Color = ChartPalette.Plan;
        plan.LineWidth = 2;
        plan.LegendText = "计划（序时）";

        if (s.Actual.Length > 0)
        {
            var actual = plt.Add.Scatter(s.Actual.Select(p => X(p.Date)).ToArray(), s.Actual.Select(p => p.Value).ToArray());
            actual.ConnectStyle = ConnectStyle.StepHorizontal;
            actual.Color = ChartPalette.For(s.Light);
            actual.LineWidth = 3;
            actual.MarkerSize = 0;
            actual.LegendText = "实际";
        }
        if (s.Forecast is { } f && s.ForecastFrom is { } from)
        {
            var start = ForecastStart(s);
            var end = X(new DateOnly(year, 12, 31));
            var fx = new[] { X(from), end };
            var band = plt.Add.FillY(fx, [start, f.Low], [start, f.High]);
            band.FillColor = ChartPalette.Forecast.WithAlpha(0.15);
            band.LineWidth = 0;
            var line = plt.Add.ScatterLine(fx, [start, f.Value]);
            line.Color = ChartPalette.Forecast;
            line.LinePattern = LinePattern.Dashed;
            line.LineWidth = 2;
            line.LegendText = "预测";
        }
        var today = plt.Add.VerticalLine(X(s.JudgedDate));
        today.Color = Colors.Gray;
        today.LinePattern = LinePattern.Dotted;
        today.LabelText = "截至" + ChineseFormat.Date(s.JudgedDate);
        today.LabelFontSize = 12;
        // Above the plot, not over the month labels it would hide (10月 and 11月 sat under it in autumn).
        today.LabelOppositeAxis = true;
        plt.Axes.Top.MinimumSize = 24;
        plt.Axes.Right.MinimumSize = 40; // room for half the label when the date is in late December

        plt.Title(s.Title, size: 17);
        // The unit reads horizontally under the months (a rotated 个 beside the value axis reads like an arrow).
        plt.XLabel(UnitText(s.Measure), size: 13);
        plt.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plt.Axes.Left.TickLabelStyle.FontSize = 13;
        plt.Axes.Bottom.TickGenerator = MonthTicks(year);
        plt.Axes.SetLimitsX(0, X(new DateOnly(year, 12, 31)) + 1);
        plt.Axes.Margins(bottom: 0);
        plt.Legend.Alignment = Alignment.UpperLeft;
        plt.Legend.FontSize = 12;
        plt.ShowLegend();
        return plt;
    }

    /// <summary>The days where the plan curve bends or jumps (plus the first and last): the same lines with a few points
    /// instead of 365, which keeps the band's polygons small.</summary>
    public static List<TrajectoryPoint> Breakpoints(IReadOnlyList<TrajectoryPoint> plan)
    {
        var list = new List<TrajectoryPoint> { plan[0] };
        for (var i = 1; i < plan.Count - 1; i++)
        {
            if (Bends(plan[i - 1].Expected, plan[i].Expected, plan[i + 1].Expected)
                || Bends(plan[i - 1].YellowLine, plan[i].YellowLine, plan[i + 1].YellowLine)
                || Bends(plan[i - 1].RedLine, plan[i].RedLine, plan[i + 1].RedLine))
            {
                list.Add(plan[i]);
            }
        }
        if (plan.Count > 1) list.Add(plan[^1]);
        return list;
    }

    private static bool Bends(double a, double b, double c) => Math.Abs((c - b) - (b - a)) > 1e-9 * Math.Max(1, Math.Abs(b));

    /// <summary>Ticks at the first day of each month, labelled 1月 … 12月.</summary>
    public static NumericManual MonthTicks(int year)
    {
        var ticks = new NumericManual();
        for (var m = 1; m <= 12; m++) ticks.AddMajor(new DateOnly(year, m, 1).DayOfYear, $"{m}月");
        return ticks;
    }
}
