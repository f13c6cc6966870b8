namespace KejiLive.Domain.Progress;

/// <summary>Year-end forecasts. Cumulative targets: the rest of the year runs at the pace so far, shrunk towards the
/// plan when little of the year is known; the range narrows to nothing at year end. Ratios: the newest value ±5%,
/// narrowing linearly over the year.</summary>
internal static class ForecastModel
{
    /// <summary>Forecast for a cumulative target.</summary>
    /// <param name="actual">Current effective value.</param>
    /// <param name="target">The unit's annual target (&gt; 0).</param>
    /// <param name="p">Plan share s(ReportedAsOf) at the date of the newest report, 0–1.</param>
    public static Forecast Cumulative(double actual, double target, double p)
    {
        double r;
        if (p > 0)
        {
            var rRaw = target > 0 ? actual / (p * target) : 1;
            var w = p / (p + 0.25);
            r = (w * rRaw) + (1 - w);
        }
        else
        {
            r = 1;
        }
        var rest = (1 - p) * target * r;
        var u = 0.5 * (1 - p);
        return new Forecast(actual + rest, actual + (rest * (1 - u)), actual + (rest * (1 + u)));
    }

    /// <summary>Forecast for a ratio: the newest value ± 5% × (1 − linear share of the year).</summary>
    public static Forecast Ratio(double actual, double linearShare)
    {
        var band = 0.05 * (1 - linearShare);
        return new Forecast(actual, actual * (1 - band), actual * (1 + band));
    }

    /// <summary>True when the forecast's high end is below the target (with a relative tolerance of 1e-9).</summary>
    public static bool WillMiss(Forecast? forecast, double target) =>
        forecast is not null && forecast.High < target - (1e-9 * Math.Max(1, Math.Abs(target)));
}
