using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class ReportSeriesTests
{
    [Fact]
    public void Effective_OnePerAsOfLatestReceivedWins_InAsOfOrder()
    {
        var a = Fx.R("2025-06-30", 20, receivedAt: Fx.At("2025-07-01"));
        var b = Fx.R("2025-05-31", 10, receivedAt: Fx.At("2025-06-01"));
        var c = Fx.R("2025-06-30", 18, receivedAt: Fx.At("2025-07-03"), correction: true);
        var d = Fx.R("2025-06-30", 25, receivedAt: Fx.At("2025-07-02"));
        Assert.Equal([b, c], ReportSeries.Effective([a, b, c, d]).ToArray());
    }

    [Fact]
    public void Effective_WhenAReportWasSentBack_CountsTheOneBeforeIt()
    {
        var may = Fx.R("2025-05-31", 10, receivedAt: Fx.At("2025-06-01"));
        var june = Fx.R("2025-06-30", 20, receivedAt: Fx.At("2025-07-01"));
        var rejected = Fx.R("2025-06-30", 90, receivedAt: Fx.At("2025-07-02")) with { Rejected = true };
        Assert.Equal([may, june], ReportSeries.Effective([may, june, rejected]).ToArray());
        Assert.Equal([may], ReportSeries.EffectiveAt([may, rejected], Fx.At("2025-07-05"), Fx.D("2025-07-05")).ToArray());
    }

    [Fact]
    public void EffectiveAt_FiltersByReceivedAtAndAsOf()
    {
        var a = Fx.R("2025-06-30", 20, receivedAt: Fx.At("2025-07-01"));
        var c = Fx.R("2025-06-30", 18, receivedAt: Fx.At("2025-07-03"), correction: true);
        var e = Fx.R("2025-07-31", 30, receivedAt: Fx.At("2025-08-01"));
        Assert.Equal([a], ReportSeries.EffectiveAt([a, c, e], Fx.At("2025-07-02"), Fx.D("2025-07-02")).ToArray());
        Assert.Equal([c], ReportSeries.EffectiveAt([a, c, e], Fx.At("2025-08-05"), Fx.D("2025-07-30")).ToArray());
    }

    [Fact]
    public void Roll_CityKindUnitHoldingAShare_IsSummed()
    {
        var plan = Fx.Plan(j => j.Set("targets[0].split[3].unit", "\"city\""));
        var now = Fx.At("2025-07-01");
        var units = new[] { "360702", "360703", "360704", "city" }
            .Select(u => new UnitResult(u, Fx.Eval(plan, "hi-tech", u, now, [Fx.R("2025-06-30", 5)]))).ToList();
        var city = CityRollUp.Roll(plan, plan.FindTarget("hi-tech")!, units, now, Light.Grey).City;
        Assert.Equal(100, city.AnnualTarget, Fx.Tol);
        Assert.Equal(20, city.Actual, Fx.Tol);
    }
}
