using KejiLive.Domain.Weekly;

namespace KejiLive.Grains.Alerts;

/// <summary>The default when the host registers no chart renderer: messages carry text only.</summary>
public sealed class NoAlertCharts : IProgressChartRenderer
{
    public byte[]? Render(ProgressSeries series) => null;
}
