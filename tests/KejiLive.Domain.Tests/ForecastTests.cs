using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class ForecastTests
{
    [Theory]
    // Issue 17 (forecasts that hold): the range's pace is shrunk with w = p / (p + 0.1); the range runs from
    // min(r, 1) × (1 − u) to max(r, 1) × (1 + u) of the rest of the plan, widened by 6% of that paced value on either
    // side, never below the actual value, and always holds the point, whose pace is shrunk with p / (p + 0.02) (fourth round).
    [InlineData(20, 40, 0.5, 40, 32.6, 47.4)]
    [InlineData(10, 40, 0.5, 20.384615384615, 17.45, 36.3)] // point: 10 + 20 × (0.5 / 0.52 × 0.5 + 0.02 / 0.52)
    [InlineData(0, 40, 0, 40, 17.6, 62.4)]
    [InlineData(30, 40, 1, 30, 30, 30)]
    [InlineData(0, 40, 0.25, 2.222222222222, 2.222222222222, 41.764285714286)]
    public void Cumulative_FollowsShrunkPaceFormula(double actual, double target, double p, double value, double low, double high)
    {
        // p = 0.25, actual 0: the range's w = 0.25 / 0.35, r = 1 − w = 0.2857; rest = 30; paced 8.571; u = 0.375; noise
        // 0.514; low = 30 × 0.2857 × 0.625 − 0.514 = 4.84, below it the point 30 × 0.02 / 0.27 = 2.22; high = 30 × 1.375 + 0.514.
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
        // 家 are whole items: the plan owes floor(40 × 181/365) = 19 of them at 30 Jun, so the range is judged on p = 19/40
        // and widened to whole items; the point forecast compares 20 done plus half of the next with the unrounded
        // 40 × 181/365 = 19.84, shrunk by one item's share of the target (1/40) (issue 17, fourth round).
        var p = 19.0 / 40;
        var r = (p / (p + 0.1) * (20 / (p * 40))) + (1 - (p / (p + 0.1)));
        var rest = (1 - p) * 40;
        var u = 0.5 * (1 - p);
        var paced = 20 + (rest * r);
        var exact = 181.0 / 365;
        var w = exact / (exact + (1.0 / 40));
        var rPoint = (w * (20.5 / (exact * 40))) + (1 - w);
        var value = 20 + ((1 - exact) * 40 * rPoint);
        Assert.True(r > 1);
        Assert.True(value < paced);
        Assert.Equal(value, e.Forecast!.Value, 1e-9);
        Assert.Equal(Math.Floor(20 + (rest * (1 - u)) - (0.06 * paced)), e.Forecast.Low, 1e-9);
        Assert.Equal(Math.Ceiling(20 + (rest * r * (1 + u)) + (0.06 * paced)), e.Forecast.High, 1e-9);
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

/// <summary>Issue 17, fourth round: a whole-item point forecast reads the items done plus half of the next (a count is
/// floored while its next item is under way) against the plan's unrounded share; the range stays judged on the items the
/// plan owes, so "will miss" does not move.</summary>
public class WholeItemForecastTests
{
    [Theory]
    // actual, target, plan share, whole items, point, low, high
    // 5 of 12 at 4.8 items due: 5.5 / 4.8 = 1.146, shrunk by one item's share (w = 0.4 / (0.4 + 1/12)) 1.121;
    // 5 + 7.2 × 1.121 = 13.07 (against the 4 owed: 14.54). The range is the one judged on p = 4/12: 9 to 19.
    [InlineData(5, 12, 0.4, true, 13.068965517241, 9, 19)]
    // The same figures in a continuous measure: the pace of 5 against 4.8, w = 0.4 / 0.42 (12.49).
    [InlineData(5, 12, 0.4, false, 12.485714285714, 9.2936, 15.4184)]
    // 2 of 5 at 2.5 due: 2.5 / 2.5 = 1 exactly, 2 + 2.5 = 4.5 (against the 2 owed: 5).
    [InlineData(2, 5, 0.5, true, 4.5, 3, 7)]
    // On plan, 10 of 20 at 10 due: the half item under way reads slightly ahead, 20.45.
    [InlineData(10, 20, 0.5, true, 20.454545454545, 16, 24)]
    // Half an item due is no item owed: no evidence, the plan's pace (1).
    [InlineData(0, 1, 0.5, true, 1, 0, 2)]
    // The whole plan due: the actual value.
    [InlineData(3, 3, 1, true, 3, 3, 3)]
    public void Cumulative_WholeItems_PointFromItemsUnderWay(double actual, double target, double p, bool whole, double value, double low, double high)
    {
        var f = ForecastModel.Cumulative(actual, target, p, whole);
        Assert.Equal(value, f.Value, 1e-9);
        Assert.Equal(low, f.Low, 1e-9);
        Assert.Equal(high, f.High, 1e-9);
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

/// <summary>Issue 17, fourth round: the point forecast reads the pace of the newest three figures with a plan share (their
/// sum over what the plan expected at their dates; whole counts plus half the item under way), shrunk towards the plan by
/// its evidence, p / (p + k) with k one item's share of the target for whole items and 0.02 otherwise. The range is
/// still judged on the newest figure alone.</summary>
public class FiguresPaceForecastTests
{
    public static TheoryData<double[], double[], double, bool, double?> PaceRows => new()
    {
        // values, plan shares, target, whole items, pace
        { [10, 12, 14], [0.25, 0.3, 0.35], 40, false, 36.0 / 36 }, // on plan: 36 of 36
        { [10, 13, 13], [0.25, 0.3, 0.35], 40, false, 36.0 / 36 }, // noise averaged: the last figure alone reads 0.93
        { [4, 10, 12, 14], [0.2, 0.25, 0.3, 0.35], 40, false, 1.0 }, // the newest three only
        { [2, 3, 3], [0.25, 0.3, 0.35], 10, true, 9.5 / 9 }, // whole counts plus half the item under way: 9.5 of 9
        { [0, 0, 3], [0, 0, 0.3], 10, true, 3.5 / 3 }, // figures before the first step are no evidence
        { [0, 0], [0, 0], 10, true, null }, // no figure with a share: no pace (the plan's)
        { [5], [0.5], 0, false, null }, // no target
    };

    [Theory]
    [MemberData(nameof(PaceRows))]
    public void FiguresPace_Table(double[] values, double[] shares, double target, bool whole, double? expected)
    {
        var figures = values.Zip(shares, (v, s) => new PacedFigure(v, s)).ToList();
        var pace = ForecastModel.FiguresPace(figures, target, whole);
        if (expected is null) Assert.Null(pace);
        else Assert.Equal(expected.Value, pace!.Value, 1e-9);
    }

    [Theory]
    // actual, target, share, pace, whole, point = actual + (1 − p) × target × (w × pace + 1 − w), w = p / (p + k)
    [InlineData(14, 40, 0.35, 1.0, false, 40)] // on plan: the target
    [InlineData(7, 40, 0.35, 0.5, false, 7 + (26 * ((0.35 / 0.37 * 0.5) + (0.02 / 0.37))))] // k = 0.02: 0.946 of the pace
    [InlineData(3, 10, 0.3, 0.5, true, 3 + (7 * ((0.75 * 0.5) + 0.25)))] // k = 1/10: three items due weigh 0.75
    [InlineData(1, 10, 0.1, 0.5, true, 1 + (9 * ((0.5 * 0.5) + 0.5)))] // one item due weighs half
    [InlineData(9, 10, 1, 0.9, true, 9)] // the whole plan due: the actual value
    [InlineData(4, 10, 0, 2, true, 4)] // no share due: the actual value
    public void Point_ShrunkByEvidence(double actual, double target, double p, double pace, bool whole, double expected)
    {
        Assert.Equal(expected, ForecastModel.Point(actual, target, p, pace, whole), 1e-9);
    }

    [Fact]
    public void Cumulative_WithFigures_PointFromThemRangeFromTheNewest()
    {
        PacedFigure[] figures = [new(10, 0.25), new(12, 0.3), new(13, 0.35)];
        var alone = ForecastModel.Cumulative(13, 40, 0.35);
        var three = ForecastModel.Cumulative(13, 40, 0.35, figures: figures);
        // The newest figure alone reads 13 / 14 = 0.93 of plan; the three together 35 / 36.
        var w = 0.35 / 0.37;
        Assert.Equal(13 + (26 * ((w * 35 / 36) + (1 - w))), three.Value, 1e-9);
        Assert.True(three.Value > alone.Value);
        Assert.Equal(alone.Low, three.Low, 1e-9);
        Assert.Equal(alone.High, three.High, 1e-9);
        // No figure with a share (before the first step): the plan's pace, as without figures.
        Assert.Equal(ForecastModel.Cumulative(0, 10, 0, true), ForecastModel.Cumulative(0, 10, 0, true, [new(0, 0)]));
    }

    [Fact]
    public void Evaluate_Forecast_ReadsTheNewestThreeFigures()
    {
        var plan = PlanJson.Load();
        // hi-tech × 360702, 40 家 linear: 12, 14, 16 at 30 Apr, 31 May, 30 Jun; the first figure (6 at 31 Mar) is left out.
        ReportEntry[] reports = [Fx.R("2025-03-31", 6), Fx.R("2025-04-30", 12), Fx.R("2025-05-31", 14), Fx.R("2025-06-30", 16)];
        var e = Fx.Eval(plan, "hi-tech", "360702", Fx.At("2025-07-15"), reports);
        double S(int day) => day / 365.0;
        var pace = (12.5 + 14.5 + 16.5) / (40 * (S(120) + S(151) + S(181)));
        var p = S(181);
        var w = p / (p + (1.0 / 40));
        Assert.Equal(16 + ((1 - p) * 40 * ((w * pace) + (1 - w))), e.Forecast!.Value, 1e-9);
        // The range is the newest figure's: the same as with that figure alone.
        var alone = Fx.Eval(plan, "hi-tech", "360702", Fx.At("2025-07-15"), [Fx.R("2025-06-30", 16)]);
        Assert.Equal(alone.Forecast!.Low, e.Forecast.Low, 1e-9);
        Assert.Equal(alone.Forecast.High, e.Forecast.High, 1e-9);
    }
}
