using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>Rolls unit results up to the city: sums for counts and growth; ratios from summed numerators and
/// denominators (never an average of ratios); overlays skipped.</summary>
/// <remarks>The city's light is its own (<see cref="CityLight"/>): what the city owes by its units' 序时进度 (whole items
/// for item measures) against the target's thresholds (with hysteresis), never the worst unit's and never forced red by
/// the year-end forecast (that shows as 预计难完成 beside it), so a city on schedule stays green while some units are red;
/// <see cref="CityEvaluation.UnitsRed"/> says how many. It is never red while none of its units is.
/// The city's expected value is the sum of its units' expected values, each read at the unit's own
/// <see cref="TargetEvaluation.ScheduleDate"/> (its figure's date while it is not 未报送), so the city's 较序时 and the
/// shortfalls (what each unit owes − actual, 差额: whole items for item measures, <see cref="CityLight.Owed"/>) compare every figure with the plan at the date it describes, as the
/// units' lights do; the city's ScheduleDate is the earliest of them.</remarks>
public static class CityRollUp
{
    /// <summary>Rolls <paramref name="units"/> (each unit's evaluation at <paramref name="now"/>) up to the city.
    /// Milestones and ranks have one owner: the city figure is that unit's. Overlay units are never summed, counted or
    /// listed in shortfalls. <paramref name="previous"/> is the city's previous light (hysteresis).</summary>
    public static CityEvaluation Roll(PlanDocument plan, TargetDefinition target, IReadOnlyList<UnitResult> units, DateTimeOffset now, Light previous)
    {
        var date = PlanCurve.JudgedDate(plan.Year, now);
        var counted = units.Where(u => !IsOverlay(plan, u.UnitId)).ToList();
        var city = target.Kind switch
        {
            TargetKind.Milestone or TargetKind.Rank => Owner(target, units, date),
            TargetKind.Ratio => Ratio(target, counted, date, previous),
            _ => Cumulative(target, counted, date, previous),
        };
        var reporting = counted.Count(u => u.Evaluation.ReportedAsOf is not null);
        var notReported = counted.Count(u => u.Evaluation.NotReported);
        var red = counted.Count(u => u.Evaluation.Light == Light.Red);
        return new CityEvaluation(city, reporting, notReported, Shortfalls(target, counted), red);
    }

    private static bool IsOverlay(PlanDocument plan, string unitId) => plan.FindUnit(unitId)?.Kind == UnitKind.Overlay;

    private static TargetEvaluation Owner(TargetDefinition target, IReadOnlyList<UnitResult> units, DateOnly date)
    {
        var ownerId = target.Assignments.IsDefaultOrEmpty ? null : target.Assignments[0].UnitId;
        var owner = units.FirstOrDefault(u => u.UnitId == ownerId) ?? units.FirstOrDefault();
        if (owner is not null) return owner.Evaluation with { NotReported = false };
        var annual = target.Kind == TargetKind.Milestone ? target.Milestones.Length : target.CityTarget;
        return new TargetEvaluation(date, annual, null, 0, 0, 0, 0, 0, Light.Grey, false, null, null, null, false, 0, null, null);
    }

    private static TargetEvaluation Cumulative(TargetDefinition target, List<UnitResult> units, DateOnly date, Light previous)
    {
        double annual = 0, actual = 0, expected = 0, owed = 0, value = 0, low = 0, high = 0;
        var anyForecast = false;
        var red = 0;
        DateOnly? earliest = null, latest = null;
        foreach (var u in units)
        {
            var e = u.Evaluation;
            if (earliest is not { } first || e.ScheduleDate < first) earliest = e.ScheduleDate;
            if (latest is not { } last || e.ScheduleDate > last) latest = e.ScheduleDate;
            annual += e.AnnualTarget;
            actual += e.Actual;
            expected += e.Expected;
            owed += CityLight.Owed(target, e);
            if (e.Light == Light.Red) red++;
            if (e.Forecast is { } f)
            {
                anyForecast = true;
                value += f.Value;
                low += f.Low;
                high += f.High;
            }
            else
            {
                value += e.Actual;
                low += e.Actual;
                high += Math.Max(e.AnnualTarget, e.Actual);
            }
        }
        var sr = annual > 0 ? expected / annual : 0;
        var cr = annual > 0 ? actual / annual : 0;
        var gap = (cr - sr) * 100;
        var forecast = anyForecast ? new Forecast(value, low, high) : null;
        var willMiss = ForecastModel.WillMiss(forecast, annual);
        var reportedAsOf = MaxReportedAsOf(units);
        var (light, why, code) = CityLight.Judge(target, annual, actual, owed, reportedAsOf is not null, red, previous);
        double? stretch = target.Kind == TargetKind.Range ? target.Stretch : null;
        return new TargetEvaluation(
            date, annual, stretch, actual, expected, cr, sr, gap, light, false, reportedAsOf, forecast,
            TargetEvaluator.RequiredPerMonth(annual, actual, date), willMiss, 0, null, null)
        {
            ScheduleDate = earliest ?? date,
            ScheduleDateLatest = latest == earliest ? null : latest,
            Explanation = why,
            ExplanationCode = code,
        };
    }

    private static TargetEvaluation Ratio(TargetDefinition target, List<UnitResult> units, DateOnly date, Light previous)
    {
        double sumN = 0, sumD = 0;
        var any = false;
        foreach (var u in units)
        {
            if (u.Evaluation.Numerator is not { } n || u.Evaluation.Denominator is not { } d) continue;
            sumN += n;
            sumD += d;
            any = true;
        }
        var annual = target.CityTarget;
        var actual = any && sumD > 0 ? sumN / sumD * target.RatioScale : 0;
        var cr = annual > 0 ? actual / annual : 0;
        var gap = (cr - 1) * 100;
        var reportedAsOf = MaxReportedAsOf(units);
        var forecast = reportedAsOf is null ? null : ForecastModel.Ratio(actual, PlanCurve.LinearShare(date));
        var willMiss = ForecastModel.WillMiss(forecast, annual);
        var light = TargetEvaluator.RatioLight(gap, reportedAsOf is not null, target.Thresholds, previous);
        return new TargetEvaluation(
            date, annual, null, actual, annual, cr, 1, gap, light, false, reportedAsOf, forecast, null, willMiss, 0,
            any ? sumN : null, any ? sumD : null);
    }

    private static DateOnly? MaxReportedAsOf(List<UnitResult> units)
    {
        DateOnly? max = null;
        foreach (var u in units)
        {
            if (u.Evaluation.ReportedAsOf is { } d && (max is null || d > max)) max = d;
        }
        return max;
    }

    private static ImmutableArray<Shortfall> Shortfalls(TargetDefinition target, List<UnitResult> units)
    {
        if (target.Kind == TargetKind.Rank) return [];
        var amounts = new List<(string Unit, double Amount)>();
        foreach (var u in units)
        {
            // The same 差额 as the live roll-up keeps per unit.
            var amount = Views.UnitContribution.ShortfallOf(target, u.Evaluation);
            if (amount > 0) amounts.Add((u.UnitId, amount));
        }
        var total = amounts.Sum(a => a.Amount);
        return [.. amounts
            .OrderByDescending(a => a.Amount)
            .ThenBy(a => a.Unit, StringComparer.Ordinal)
            .Select(a => new Shortfall(a.Unit, a.Amount, a.Amount / total))];
    }
}
