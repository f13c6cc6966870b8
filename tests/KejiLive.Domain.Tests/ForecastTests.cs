using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class ForecastTests
{
    [Theory]
    [InlineData(20, 40, 0.5, 40, 35, 45)]
    [InlineData(10, 40, 0.5, 23.333333333333, 20, 26.666666666667)]
    [InlineData(0, 40, 0, 40, 20, 60)]
    [InlineData(30, 40, 1, 30, 30, 30)]
    [InlineData(0, 40, 0.25, 15, 9.375, 20.625)]
    public void Cumulative_FollowsShrunkPaceFormula(double actual, double target, double p, double value, double low, double high)
    {
        // p = 0.25, actual 0: w = 0.5, r = 0.5; rest = 0.75 × 40 × 0.5 = 15; u = 0.375.
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
        var p = 181.0 / 365;
        var r = (p / (p + 0.25) * (20 / (p * 40))) + (1 - (p / (p + 0.25)));
        var rest = (1 - p) * 40 * r;
        var u = 0.5 * (1 - p);
        Assert.Equal(20 + rest, e.Forecast!.Value, 1e-9);
        Assert.Equal(20 + (rest * (1 - u)), e.Forecast.Low, 1e-9);
        Assert.Equal(20 + (rest * (1 + u)), e.Forecast.High, 1e-9);
    }

    [Fact]
    public void Evaluate_AtYearEnd_ForecastCollapsesToActual()
    {
        var plan = PlanJson.Load();
        var e = Fx.Eval(plan, "hi-tech", "360702", Fx.At("2025-12-31", 20), [Fx.R("2025-12-31", 30)]);
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
        Assert.Equal(new Forecast(10, 5, 15), e.Forecast);
    }
}
