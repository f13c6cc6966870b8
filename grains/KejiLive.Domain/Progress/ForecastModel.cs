using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>Year-end forecasts. Cumulative targets: the point runs the rest of the plan at the pace of the newest figures,
/// shrunk towards the plan by the evidence behind it (<see cref="Point"/>); the range runs from the newest figure's pace,
/// shrunk towards the plan when little of the year is known (<see cref="Shrink"/>), (if below plan) less a margin to the
/// plan's pace (if above it, that pace) plus a margin, and is widened by the few percent a final figure strays from the path
/// (<see cref="FinalNoise"/>); it closes on the actual value once the plan is fully due. Ratios: the newest value ±5%,
/// narrowing linearly over the year.</summary>
internal static class ForecastModel
{
    /// <summary>Share of the forecast by which a final figure may stray from the path the reports drew.</summary>
    public const double FinalNoise = 0.06;

    /// <summary>How strongly the range's pace is shrunk towards the plan: weight p / (p + Shrink) on the pace so far.</summary>
    public const double Shrink = 0.1;

    /// <summary>Forecast for a cumulative target.</summary>
    /// <param name="actual">Current effective value.</param>
    /// <param name="target">The unit's annual target (&gt; 0).</param>
    /// <param name="p">Plan share s(ReportedAsOf) at the date of the newest report, 0–1.</param>
    /// <param name="whole">Counted in whole items: the range is widened to whole items and judged on the items the plan
    /// owes (a plan share of less than one item is no evidence of the pace); the point forecast compares the items done
    /// plus half of the next, under way, with the plan's unrounded share (a count is floored while its next item is under
    /// way: 5 of 12 done where the plan is at 4.8 items reads as 5.5 against 4.8, not as 25% ahead of the 4 owed).</param>
    /// <param name="figures">The figures the point forecast reads its pace from (<see cref="FiguresPace"/>): the newest
    /// ones with their plan shares, oldest first; without them, the newest figure alone. The range, and so "will miss",
    /// is judged on the newest figure either way.</param>
    /// <param name="unit">What the unit's other targets say of its pace (<see cref="UnitPace.Borrow"/>): the point
    /// forecast's pace is the figures' pace plus the unit's rise when it is catching up, shrunk towards the unit's level
    /// instead of the plan's. Only with evidence of the pair's own; the range is not moved by it.</param>
    public static Forecast Cumulative(double actual, double target, double p, bool whole = false, IReadOnlyList<PacedFigure>? figures = null,
        BorrowedPace? unit = null)
    {
        if (p >= 1 - 1e-12) return new Forecast(actual, actual, actual);
        var exact = p;
        // In whole items, the plan's share is what it owes in whole items: less than one item owed says nothing of the pace.
        if (whole && target > 0) p = Math.Floor((p * target) + 1e-9) / target;
        var evidence = p > 0;
        var r = evidence ? Shrunk(actual, target, p) : 1;
        var rest = (1 - p) * target;
        var paced = actual + (rest * r);
        var u = 0.5 * (1 - p);
        var noise = FinalNoise * paced;
        var low = Math.Max(actual, actual + (rest * Math.Min(r, 1) * (1 - u)) - noise);
        var high = actual + (rest * Math.Max(r, 1) * (1 + u)) + noise;
        if (whole)
        {
            low = Math.Max(actual, Math.Floor(low + 1e-9));
            high = Math.Ceiling(high - 1e-9);
        }
        var value = evidence ? Point(actual, target, exact, (FiguresPace(figures ?? [new PacedFigure(actual, exact)], target, whole) ?? r) + (unit?.Rise ?? 0), whole, unit?.Level ?? 1) : paced;
        return new Forecast(value, Math.Min(low, value), Math.Max(high, value));
    }

    /// <summary>Figures the point forecast's pace is read from (<see cref="FiguresPace"/>).</summary>
    public const int PaceFigures = 3;

    /// <summary>Evidence for the pace of a figure in a continuous measure (万元, 亿元): the point forecast weighs the pace
    /// with p / (p + this), so a quarter of the plan counts 93%, half 96%.</summary>
    public const double ContinuousShrink = 0.02;

    /// <summary>The pace over the newest <see cref="PaceFigures"/> figures whose plan share is above zero: their sum over
    /// the sum of what the plan expected at their dates (each whole count plus half of the item under way). One figure
    /// carries its report's noise in full (±5% in the demo, more for a few whole items); three figures of the same pace
    /// average it out. Null when no figure has a plan share yet (no evidence of the pace: the plan's pace).</summary>
    public static double? FiguresPace(IReadOnlyList<PacedFigure> figures, double target, bool whole)
    {
        if (target <= 0) return null;
        double done = 0, planned = 0;
        var used = 0;
        for (var i = figures.Count - 1; i >= 0 && used < PaceFigures; i--)
        {
            var f = figures[i];
            if (f.Share <= 1e-12) continue;
            done += f.Value + (whole ? 0.5 : 0);
            planned += f.Share * target;
            used++;
        }
        return used == 0 ? null : done / planned;
    }

    /// <summary>The point forecast from a pace: the value so far plus the rest of the plan at the pace, shrunk towards
    /// <paramref name="prior"/> (the plan's pace, or the unit's on its other targets) by the evidence behind it, weight
    /// p / (p + k): k is one item's share of the target (1 / target) for whole items, so the pace of one item due counts
    /// half and of four items 80%, and <see cref="ContinuousShrink"/> otherwise.</summary>
    public static double Point(double actual, double target, double p, double pace, bool whole, double prior = 1)
    {
        if (target <= 0 || p <= 0) return actual;
        if (p >= 1 - 1e-12) return actual;
        var k = whole ? 1 / target : ContinuousShrink;
        var w = p / (p + k);
        return actual + ((1 - p) * target * ((w * pace) + ((1 - w) * prior)));
    }

    /// <summary>The pace so far (value ÷ the plan's share of the target), shrunk towards the plan: weight p / (p + Shrink).</summary>
    private static double Shrunk(double actual, double target, double p)
    {
        var rRaw = target > 0 ? actual / (p * target) : 1;
        var w = p / (p + Shrink);
        return (w * rRaw) + (1 - w);
    }

    /// <summary>Forecast for a ratio: the newest value ± 5% × (1 − linear share of the year).</summary>
    public static Forecast Ratio(double actual, double linearShare)
    {
        var band = 0.05 * (1 - linearShare);
        return new Forecast(actual, actual * (1 - band), actual * (1 + band));
    }

    /// <summary>Figures needed before a forecast may say "will miss".</summary>
    public const int MinimumReports = 2;

    /// <summary>Plan share that must be covered by the newest figure before a forecast may say "will miss".</summary>
    public const double MinimumShare = 0.25;

    /// <summary>Enough data for "will miss": at least <see cref="MinimumReports"/> figures, the newest covering at least
    /// <see cref="MinimumShare"/> of the plan.</summary>
    public static bool EnoughData(IReadOnlyList<ReportEntry> series, TargetDefinition target, Assignment assignment) =>
        series.Count >= MinimumReports && PlanCurve.Share(target, assignment, series[^1].AsOf) >= MinimumShare - 1e-9;

    /// <summary>True when even the forecast's high end misses the target by more than <paramref name="tolerancePoints"/>
    /// percent of it: the year will be missed beyond the yellow tolerance, so a yellow light may turn red. Counted in
    /// whole items (<paramref name="whole"/>) the tolerance is at least one item: for a target under 10 items, 10% is less
    /// than an item, and one item short is the rounding of a unit on plan, not a missed year.</summary>
    public static bool MissesBeyond(Forecast? forecast, double target, double tolerancePoints, bool whole = false)
    {
        if (forecast is null) return false;
        var tolerance = target * tolerancePoints / 100;
        if (whole) tolerance = Math.Max(tolerance, 1);
        return forecast.High < target - tolerance - (1e-9 * Math.Max(1, Math.Abs(target)));
    }

    /// <summary>True when the forecast's high end is below the target (with a relative tolerance of 1e-9).</summary>
    public static bool WillMiss(Forecast? forecast, double target) =>
        forecast is not null && forecast.High < target - (1e-9 * Math.Max(1, Math.Abs(target)));
}
