namespace KejiLive.Domain.Views;

/// <summary>A ratio target's 差额 as people read it: the points of the ratio a unit's figure is below its target (the
/// target page's ratioShort and the weekly pack's 红黄名单 alike), not the numerator it misses at its denominator.</summary>
public static class RatioShortfall
{
    /// <summary>Points of the ratio below <paramref name="annual"/>; 0 when at or above it.</summary>
    public static double Of(double annual, double actual) => Math.Max(0, annual - actual);
}
