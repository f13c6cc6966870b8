using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class ForecastTests
{
    [Theory]
    // Issue 17 (forecasts that hold): w = p / (p + 0.1); the range runs from min(r, 1) × (1 − u) to max(r, 1) × (1 + u) of
    // the rest of the plan, widened by 6% of the point forecast on either side, never below the actual value.
    [InlineData(20, 40, 0.5, 40, 32.6, 47.4)]
    [InlineData(10, 40, 0.5, 21.666666666667, 17.45, 36.3)]
    [InlineData(0, 40, 0, 40, 17.6, 62.4)]
    [InlineData(30, 40, 1, 30, 30, 30)]
    [InlineData(0, 40, 0.25, 8.571428571429, 4.842857142857, 41.764285714286)]
    public void Cumulative_FollowsShrunkPaceFormula(double actual, double target, double p, double value, double low, double high)
    {
        // p = 0.25, actual 0: w = 0.25 / 0.35, r = 1 − w = 0.2857; rest = 30; value 8.571; u = 0.375; noise 0.514;
        // low = 30 × 0.2857 × 0.625 − 0.514; high = 30 × 1 × 1.375 + 0.514.
        var f = ForecastModel.Cumulative(actual, target, p);
        Assert.Equal(value, f.Value, 1e-9);
        Assert.Equal(low, f.Low, 1e-9);
        Assert.Equal(high, f.High, 1e-9);
    }

    [Fact]
    public void Evaluate_Forecast_UsesShareAtReportedAsOf()
    {
        var plan = PlanJson.Load();
        var e = Fx.Eval(plan, "hi-tech", "360702", Fx.At("2025-08-15"), [Fx.R("2025-06-30", 20)]);
        // 家 are whole items: the plan owes floor(40 × 181/365) = 19 of them at 30 Jun, so p = 19/40, and the range is
        // widened to whole items.
        var p = 19.0 / 40;
        var r = (p / (p + 0.1) * (20 / (p * 40))) + (1 - (p / (p + 0.1)));
        var rest = (1 - p) * 40;
        var u = 0.5 * (1 - p);
        var value = 20 + (rest * r);
        Assert.True(r > 1);
        Assert.Equal(value, e.Forecast!.Value, 1e-9);
        Assert.Equal(Math.Floor(20 + (rest * (1 - u)) - (0.06 * value)), e.Forecast.Low, 1e-9);
        Assert.Equal(Math.Ceiling(20 + (rest * r * (1 + u)) + (0.06 * value)), e.Forecast.High, 1e-9);
    }

    [Fact]
    public void Evaluate_AtYearEnd_ForecastCollapsesToActual()
    {
        var plan = PlanJson.Load();
        // Two figures: "will miss" needs at least two (issue 17); 30 of 40 misses by more than the 5% yellow tolerance.
        var e = Fx.Eval(plan, "hi-tech", "360702", Fx.At("2025-12-31", 20), [Fx.R("2025-09-30", 25), Fx.R("2025-12-31", 30)]);
        Assert.Equal(new Forecast(30, 30, 30), e.Forecast);
        Assert.True(e.WillMiss);
        Assert.Equal(Light.Red, e.Light);
    }

    [Fact]
    public void Evaluate_AtYearEndOnTarget_DoesNotMiss()
    {
        var plan = PlanJson.Load();
        var e = Fx.Eval(plan, "hi-tech", "360702", Fx.At("2025-12-31", 20), [Fx.R("2025-12-31", 40)]);
        Assert.False(e.WillMiss);
        Assert.Equal(Light.Green, e.Light);
    }

    [Fact]
    public void Evaluate_StepCurveBeforeFirstStep_PlanShareZeroMeansPlanPace()
    {
        var plan = PlanJson.Load();
        var e = Fx.Eval(plan, "batches", "city", Fx.At("2025-02-01"), [Fx.R("2025-01-31", 0)]);
        // The plan's pace for the rest; the range ±50% and 6% of the forecast, widened to whole 家 (issue 17).
        Assert.Equal(new Forecast(10, 4, 16), e.Forecast);
    }
}

/// <summary>Issue 17: "will miss beyond the yellow tolerance" in whole items allows at least one item, so a unit on plan
/// whose figure rounds down one item short is not made red.</summary>
public class MissesBeyondTests
{
    [Theory]
    // high end, target, yellow points, whole items, misses beyond
    [InlineData(7, 8, 10, false, true)] // 7 < 8 − 0.8: beyond 10% in a continuous measure
    [InlineData(7, 8, 10, true, false)] // one item short of 8: within the one-item tolerance
    [InlineData(6, 8, 10, true, true)] // two items short: beyond
    [InlineData(17, 20, 10, true, true)] // 10% of 20 is two items: 17 < 18 misses beyond
    [InlineData(18, 20, 10, true, false)] // exactly two short: on the tolerance, not beyond
    [InlineData(3, 4, 10, true, false)]
    [InlineData(2, 4, 10, true, true)]
    public void MissesBeyond_WholeItems_ToleranceIsAtLeastOneItem(double high, double target, double yellow, bool whole, bool expected)
    {
        Assert.Equal(expected, ForecastModel.MissesBeyond(new Forecast(high, high, high), target, yellow, whole));
    }

    [Fact]
    public void Evaluate_YearEndOneItemShortOfASmallTarget_IsYellowNotRed()
    {
        // Shipped plan, hi-tech-enterprises (家, yellow 10, red 30) × 360723, target 8: 7 of 8 on 31 Dec is −12.5 pp,
        // yellow, one item short: stays yellow (it was red: 7 < 8 − 0.8). 6 of 8 is −25 pp and two items short: red.
        var plan = Planning.PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));
        var target = plan.FindTarget("hi-tech-enterprises")!;
        var unit = target.AssignmentFor("360723")!;
        Assert.Equal(8, unit.Target);
        ReportEntry[] reports = [Fx.R("2025-09-30", Math.Floor(0.3 * unit.Target)), Fx.R("2025-11-30", Math.Floor(0.7 * unit.Target)), Fx.R("2025-12-31", unit.Target - 1)];

        var e = TargetEvaluator.Evaluate(plan, target, unit, reports, Fx.At("2025-12-31", 20), new PreviousLight(Light.Green, null));

        Assert.Equal(Light.Yellow, e.Light);
        Assert.True(e.WillMiss); // the year is missed, shown as 预计难完成 beside the yellow
        var two = TargetEvaluator.Evaluate(plan, target, unit, [.. reports.SkipLast(1), Fx.R("2025-12-31", unit.Target - 2)], Fx.At("2025-12-31", 20), new PreviousLight(Light.Green, null));
        Assert.Equal(Light.Red, two.Light);
    }
}
