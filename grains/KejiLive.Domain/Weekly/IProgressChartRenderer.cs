namespace KejiLive.Domain.Weekly;

/// <summary>Draws one target's progress chart (plan curve, tolerance band, actual line, forecast) as a PNG, for a 督办
/// message (WeCom shows it as an image, e-mail inline). Implemented outside the domain (ScottPlot).</summary>
public interface IProgressChartRenderer
{
    /// <summary>The PNG, or null when it cannot be drawn.</summary>
    byte[]? Render(ProgressSeries series);
}
