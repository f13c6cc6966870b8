using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Views;

/// <summary>What one counted (non-overlay) unit adds to its city's sums, worked out once per update so that the same
/// amounts can be taken out again when the unit changes. Sums are kept in <see cref="decimal"/>: adding and removing the
/// same amounts gives back the same total exactly, whatever the order of updates.</summary>
internal readonly record struct UnitContribution(
    decimal Annual,
    decimal Actual,
    decimal Expected,
    decimal Owed,
    decimal ForecastValue,
    decimal ForecastLow,
    decimal ForecastHigh,
    bool HasForecast,
    decimal Numerator,
    decimal Denominator,
    bool HasRatio,
    bool Reporting,
    bool NotReported,
    DateOnly? ReportedAsOf,
    DateOnly ScheduleDate,
    double Shortfall,
    bool Red,
    bool DueSoon)
{
    /// <summary>The contribution of <paramref name="e"/> under <paramref name="target"/>'s roll-up rules
    /// (as <see cref="CityRollUp"/> sums them).</summary>
    public static UnitContribution Of(TargetDefinition target, TargetEvaluation e)
    {
        var hasRatio = e.Numerator is not null && e.Denominator is not null;
        return new UnitContribution(
            Exact(e.AnnualTarget),
            Exact(e.Actual),
            Exact(e.Expected),
            Exact(CityLight.Owed(target, e)),
            Exact(e.Forecast?.Value ?? e.Actual),
            Exact(e.Forecast?.Low ?? e.Actual),
            Exact(e.Forecast?.High ?? Math.Max(e.AnnualTarget, e.Actual)),
            e.Forecast is not null,
            hasRatio ? Exact(e.Numerator!.Value) : 0,
            hasRatio ? Exact(e.Denominator!.Value) : 0,
            hasRatio,
            e.ReportedAsOf is not null,
            e.NotReported,
            e.ReportedAsOf,
            e.ScheduleDate,
            ShortfallOf(target, e),
            e.Light == Light.Red,
            e.DueSoon is not null);
    }

    /// <summary>差额: what the unit owes (<see cref="CityLight.Owed"/>) − actual (ratios: the numerator missing at the unit's
    /// denominator), or 0 when not behind or not applicable. Item measures (家、个、项、名、人) in the whole items that bring the
    /// unit back to what its light holds it to: 1 of 12 个 at an expected 5.95 owes 5 (its light reads 1 and half of the
    /// one under way against 5.95; with 5 more it is at 6), never "4.45 个".</summary>
    internal static double ShortfallOf(TargetDefinition target, TargetEvaluation e)
    {
        if (target.Kind == TargetKind.Rank) return 0;
        double amount;
        if (target.Kind == TargetKind.Ratio)
        {
            if (e.Numerator is not { } n || e.Denominator is not { } d || target.RatioScale <= 0) return 0;
            amount = (e.AnnualTarget * d / target.RatioScale) - n;
        }
        else
        {
            amount = CityLight.Owed(target, e) - e.Actual;
            if (ItemRules.IsWhole(target)) amount = Math.Ceiling(amount - 1e-9);
        }
        return amount > 1e-9 ? amount : 0;
    }

    /// <summary>A double as a decimal (15 significant digits); values out of decimal's range or not finite count as 0
    /// (no plan figure comes near 10^28).</summary>
    internal static decimal Exact(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e27 ? (decimal)value : 0m;
}
