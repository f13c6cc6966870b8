using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class CityRollUpTests
{
    private static readonly Planning.PlanDocument Plan = PlanJson.Load();
    private static readonly DateTimeOffset Now = Fx.At("2025-07-01");

    private static UnitResult Unit(string target, string unit, params ReportEntry[] reports) =>
        new(unit, Fx.Eval(Plan, target, unit, Now, reports));

    private static List<UnitResult> HiTechUnits() =>
    [
        Unit("hi-tech", "360702", Fx.R("2025-06-30", 20)),
        Unit("hi-tech", "360703", Fx.R("2025-06-20", 10)),
        Unit("hi-tech", "360704"),
        Unit("hi-tech", "jkq", Fx.R("2025-06-30", 5)),
        Unit("hi-tech", "gxq", Fx.R("2025-06-30", 6)),
    ];

    [Fact]
    public void Roll_Count_SumsNonOverlayUnits()
    {
        var city = CityRollUp.Roll(Plan, Plan.FindTarget("hi-tech")!, HiTechUnits(), Now, Light.Grey).City;
        // Each unit's expected value at its own data date (30 Jun, 20 Jun; 360704 has no report: today, 1 Jul).
        var s = ((40 * 181.0) + (30 * 171.0) + (20 * 182.0) + (10 * 181.0)) / 365 / 100;
        Assert.Equal(100, city.AnnualTarget, Fx.Tol);
        Assert.Equal(35, city.Actual, Fx.Tol);
        Assert.Equal(100 * s, city.Expected, Fx.Tol);
        Assert.Equal(s, city.ScheduleRate, Fx.Tol);
        Assert.Equal(0.35, city.CompletionRate, Fx.Tol);
        Assert.Equal((0.35 - s) * 100, city.GapPoints, Fx.Tol);
        Assert.Equal(Light.Yellow, city.Light);
        Assert.Equal(Fx.D("2025-06-30"), city.ReportedAsOf);
        // Read at four dates: the page says 序时进度（各单位截至6月20日至7月1日）, not one date that is not every unit's.
        Assert.Equal(Fx.D("2025-06-20"), city.ScheduleDate);
        Assert.Equal(Fx.D("2025-07-01"), city.ScheduleDateLatest);
        Assert.Equal(Fx.D("2025-07-01"), city.Date);
        Assert.False(city.NotReported);
        Assert.Equal(65.0 / 183 * 30, city.RequiredPerMonth!.Value, Fx.Tol);
    }

    [Fact]
    public void Roll_Count_EveryUnitReadAtOneDate_HasNoLatestDate()
    {
        List<UnitResult> units = [Unit("hi-tech", "360702", Fx.R("2025-06-30", 20)), Unit("hi-tech", "360703", Fx.R("2025-06-30", 10))];
        var city = CityRollUp.Roll(Plan, Plan.FindTarget("hi-tech")!, units, Now, Light.Grey).City;
        Assert.Equal((Fx.D("2025-06-30"), (DateOnly?)null), (city.ScheduleDate, city.ScheduleDateLatest));
    }

    [Fact]
    public void Roll_Count_ForecastSumsUnitsAndUnreportedUnitsContributeActualToTarget()
    {
        var units = HiTechUnits();
        var city = CityRollUp.Roll(Plan, Plan.FindTarget("hi-tech")!, units, Now, Light.Grey).City;
        var counted = units.Where(u => u.UnitId != "gxq").ToList();
        Assert.Equal(counted.Sum(u => u.Evaluation.Forecast?.Value ?? 0), city.Forecast!.Value, Fx.Tol);
        Assert.Equal(counted.Sum(u => u.Evaluation.Forecast?.Low ?? 0), city.Forecast.Low, Fx.Tol);
        Assert.Equal(counted.Sum(u => u.Evaluation.Forecast?.High ?? 20), city.Forecast.High, Fx.Tol);
        Assert.Equal(city.Forecast.High < 100, city.WillMiss);
    }

    [Fact]
    public void Roll_Count_CountsReportingAndNotReportedWithoutOverlay()
    {
        var roll = CityRollUp.Roll(Plan, Plan.FindTarget("hi-tech")!, HiTechUnits(), Now, Light.Grey);
        Assert.Equal(3, roll.UnitsReporting);
        Assert.Equal(1, roll.UnitsNotReported);
    }

    [Fact]
    public void Roll_Count_ShortfallsLargestFirstWithShares()
    {
        var roll = CityRollUp.Roll(Plan, Plan.FindTarget("hi-tech")!, HiTechUnits(), Now, Light.Grey);
        Assert.Equal(["360704", "360703"], roll.Shortfalls.Select(x => x.UnitId));
        // 差额 at the date each unit is judged at, in what it owes as its light reads it (家: CityLight.Owed): 360704 has no
        // report (today, 1 Jul: 9.97 due, one item is 5 points: 9 whole 家 owed); 360703 reported 10 for 20 Jun (14.05 due,
        // one item is 3.3 points, within the yellow 5: owed less the half under way, 13.55, so 4 whole 家 short).
        var a704 = Math.Floor(20 * 182.0 / 365);
        var a703 = Math.Ceiling((30 * 171.0 / 365) - 0.5 - 10);
        Assert.Equal(4, a703);
        Assert.Equal(a704, roll.Shortfalls[0].Amount, Fx.Tol);
        Assert.Equal(a703, roll.Shortfalls[1].Amount, Fx.Tol);
        Assert.Equal(a704 / (a704 + a703), roll.Shortfalls[0].Share, Fx.Tol);
        Assert.Equal(1, roll.Shortfalls.Sum(x => x.Share), Fx.Tol);
    }

    [Fact]
    public void Roll_Count_OverlayNeverSummed()
    {
        var withoutOverlay = HiTechUnits().Where(u => u.UnitId != "gxq").ToList();
        var a = CityRollUp.Roll(Plan, Plan.FindTarget("hi-tech")!, HiTechUnits(), Now, Light.Grey);
        var b = CityRollUp.Roll(Plan, Plan.FindTarget("hi-tech")!, withoutOverlay, Now, Light.Grey);
        Assert.Equal(b, a with { Shortfalls = b.Shortfalls });
        Assert.Equal(b.Shortfalls.ToArray(), a.Shortfalls.ToArray());
    }

    [Fact]
    public void Roll_Count_NobodyReportedEarly_IsGreyWithoutForecast()
    {
        var now = Fx.At("2025-01-05");
        var units = new[] { "360702", "360703", "360704", "jkq" }.Select(u => new UnitResult(u, Fx.Eval(Plan, "hi-tech", u, now))).ToList();
        var roll = CityRollUp.Roll(Plan, Plan.FindTarget("hi-tech")!, units, now, Light.Grey);
        Assert.Equal(Light.Grey, roll.City.Light);
        Assert.Null(roll.City.Forecast);
        Assert.Null(roll.City.ReportedAsOf);
        Assert.Equal(0, roll.UnitsReporting);
    }

    [Fact]
    public void Roll_Count_UsesPreviousLightForHysteresis()
    {
        // gap ≈ −14.9: raw yellow; from red it needs > −28.
        var target = Plan.FindTarget("hi-tech")!;
        Assert.Equal(Light.Yellow, CityRollUp.Roll(Plan, target, HiTechUnits(), Now, Light.Green).City.Light);
        var units = HiTechUnits();
        // 360702 at 0 of the 19.8 家 due (red): the city owes 45.85 whole-item readings (19.3 + 13.55 + 9 + 4) and has 15,
        // −30.9 points: red.
        units[0] = Unit("hi-tech", "360702", Fx.R("2025-06-30", 0));
        var red = CityRollUp.Roll(Plan, target, units, Now, Light.Green).City;
        Assert.Equal(Light.Red, red.Light);
    }

    [Fact]
    public void Roll_Growth_SumsDerivedTargets()
    {
        var units = new List<UnitResult> { Unit("rd-growth", "360702", Fx.R("2025-06-30", 40)), Unit("rd-growth", "360703", Fx.R("2025-06-30", 20)) };
        var city = CityRollUp.Roll(Plan, Plan.FindTarget("rd-growth")!, units, Now, Light.Grey).City;
        Assert.Equal(162, city.AnnualTarget, Fx.Tol);
        Assert.Equal(60, city.Actual, Fx.Tol);
        Assert.Equal((108 * 0.3) + (54 * 0.4), city.Expected, Fx.Tol);
        Assert.Equal(city.Expected / 162, city.ScheduleRate, Fx.Tol);
    }

    [Fact]
    public void Roll_Ratio_FromSummedNumeratorsNotAverageOfRatios()
    {
        var units = new List<UnitResult>
        {
            Unit("rd-intensity", "360702", Fx.R("2025-06-30", 3, numerator: 30, denominator: 1000)),
            Unit("rd-intensity", "360703", Fx.R("2025-06-30", 1, numerator: 1, denominator: 100)),
        };
        var roll = CityRollUp.Roll(Plan, Plan.FindTarget("rd-intensity")!, units, Now, Light.Grey);
        var average = units.Average(u => u.Evaluation.Actual);
        Assert.Equal(2.0, average, Fx.Tol);
        Assert.Equal(31.0 / 1100 * 100, roll.City.Actual, Fx.Tol);
        Assert.NotEqual(average, roll.City.Actual, 3);
        Assert.Equal(2, roll.City.AnnualTarget);
        Assert.Equal(1, roll.City.ScheduleRate);
        Assert.Equal(((31.0 / 1100 * 100 / 2) - 1) * 100, roll.City.GapPoints, 1e-6);
        Assert.Equal(31, roll.City.Numerator);
        Assert.Equal(1100, roll.City.Denominator);
        Assert.Equal(Light.Green, roll.City.Light);
    }

    [Fact]
    public void Roll_Ratio_OverlaySkippedAndShortfallIsNumeratorMissing()
    {
        var units = new List<UnitResult>
        {
            Unit("rd-intensity", "360702", Fx.R("2025-06-30", 3, numerator: 30, denominator: 1000)),
            Unit("rd-intensity", "360703", Fx.R("2025-06-30", 1, numerator: 1, denominator: 100)),
            new("gxq", Fx.Eval(Plan, "rd-intensity", "360702", Now, [Fx.R("2025-06-30", 50, numerator: 500, denominator: 1000)])),
        };
        var roll = CityRollUp.Roll(Plan, Plan.FindTarget("rd-intensity")!, units, Now, Light.Grey);
        Assert.Equal(31.0 / 1100 * 100, roll.City.Actual, Fx.Tol);
        var shortfall = Assert.Single(roll.Shortfalls);
        Assert.Equal("360703", shortfall.UnitId);
        Assert.Equal((1.5 * 100 / 100) - 1, shortfall.Amount, Fx.Tol);
        Assert.Equal(1, shortfall.Share, Fx.Tol);
        Assert.Equal(2, roll.UnitsReporting);
    }

    [Fact]
    public void Roll_RatioNobodyReported_ActualZeroAndGrey()
    {
        var units = new List<UnitResult> { Unit("rd-intensity", "360702"), Unit("rd-intensity", "360703") };
        var roll = CityRollUp.Roll(Plan, Plan.FindTarget("rd-intensity")!, units, Now, Light.Grey);
        Assert.Equal(0, roll.City.Actual);
        Assert.Null(roll.City.Numerator);
        Assert.Equal(Light.Grey, roll.City.Light);
        Assert.Empty(roll.Shortfalls);
    }

    [Theory]
    [InlineData("lab")]
    [InlineData("award-rank")]
    public void Roll_SingleOwner_CityIsOwnersEvaluation(string target)
    {
        var owner = Unit(target, "city", Fx.R("2025-06-30", 1));
        var roll = CityRollUp.Roll(Plan, Plan.FindTarget(target)!, [owner], Now, Light.Grey);
        Assert.Equal(owner.Evaluation, roll.City);
    }
}
