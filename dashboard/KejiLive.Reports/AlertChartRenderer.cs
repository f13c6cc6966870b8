using KejiLive.Domain.Weekly;

namespace KejiLive.Reports;

/// <summary>The 督办 message chart: the same progress chart as the weekly pack's, for one target × unit.</summary>
public sealed class AlertChartRenderer : IProgressChartRenderer
{
    public AlertChartRenderer() => ChartFonts.Configure();

    public byte[]? Render(ProgressSeries series) => series.Plan.IsDefaultOrEmpty ? null : ProgressChart.Render(series);
}
