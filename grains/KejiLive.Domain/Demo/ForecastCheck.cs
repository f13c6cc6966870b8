using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Demo;

/// <summary>A year-end forecast made on <paramref name="On"/> for a target × unit, set against the value the unit finished
/// the year with (its final effective report).</summary>
public sealed record ForecastCheck(string TargetId, string UnitId, DateOnly On, Forecast Forecast, double Final)
{
    /// <summary>The share of the final value the point forecast may be off by and still count as right.</summary>
    public const double PointTolerance = 0.10;

    /// <summary>The final value lies within the forecast's range (a relative tolerance of 1e-9).</summary>
    public bool WithinRange
    {
        get
        {
            var eps = 1e-9 * Math.Max(1, Math.Abs(Final));
            return Final >= Forecast.Low - eps && Final <= Forecast.High + eps;
        }
    }

    /// <summary>The point forecast is within ±10% of the final value (of 1 when the final value is below 1, so a count
    /// that finished at 0 is not judged by a zero-width band).</summary>
    public bool PointWithin => Math.Abs(Forecast.Value - Final) <= (PointTolerance * Math.Max(Math.Abs(Final), 1)) + 1e-9;
}
