using KejiLive.Domain.Demo;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>The city's truth in the replay (<see cref="CityTruth"/>): the units' true cumulative values summed against the
/// city's plan curve, read as a unit's truth is read (true 较序时 at or below −YellowPoints is lagging).</summary>
public sealed class CityTruthTests
{
    private static readonly PlanDocument Plan = PlanJson.Load();

    [Theory]
    // true total, expected, annual, true 较序时 in points
    [InlineData(50, 50, 100, 0)]
    [InlineData(45, 50, 100, -5)]
    [InlineData(62.5, 50, 100, 12.5)]
    [InlineData(10, 20, 40, -25)]
    [InlineData(3, 5, 0, 0)] // no annual target: nothing to be behind on
    [InlineData(3, 5, -1, 0)]
    public void GapPoints_IsTheTrueTotalLessThePlanInPointsOfTheAnnualTarget(double trueTotal, double expected, double annual, double gap)
    {
        Assert.Equal(gap, CityTruth.GapPoints(trueTotal, expected, annual), 9);
    }

    [Theory]
    // true 较序时, lagging under yellow 10 / red 30 (at or below −yellow lags, as a unit's truth)
    [InlineData(5, false)]
    [InlineData(0, false)]
    [InlineData(-9.9, false)]
    [InlineData(-10, true)]
    [InlineData(-29, true)]
    [InlineData(-45, true)]
    public void IsLagging_AtOrBelowMinusYellow(double gap, bool lagging)
    {
        Assert.Equal(lagging, CityTruth.IsLagging(gap, new Thresholds(10, 30, 2, 30, 3)));
    }

    /// <summary>hi-tech (家, linear, yellow 5): 360702 40, 360703 30, 360704 20, jkq 10 (the overlay gxq is not counted).
    /// On 2 July the plan share is just over half, so a unit at pace p is (p − 1) × its target × ~0.5 behind, in points of
    /// the city's 100: the city can be on plan while a unit lags, and lag while no unit lags by much.</summary>
    [Theory]
    // pace of 360702, 360703, 360704, jkq; the city truly lagging on 2 July
    [InlineData(1.0, 1.0, 1.0, 1.0, false)]
    [InlineData(0.8, 1.0, 1.0, 1.0, false)] // 360702 truly −20 points of its own 40, the city −4: on plan
    [InlineData(0.8, 0.9, 1.0, 1.0, true)] // −4 − 1.5: −5.5, the city lags
    [InlineData(0.85, 0.85, 0.85, 0.85, true)] // everyone −7.5
    [InlineData(1.0, 1.0, 1.2, 0.0, false)] // jkq reports nothing (−5), 360704 ahead (+2): −3
    [InlineData(1.2, 1.2, 1.2, 1.2, false)]
    public void Lagging_SumsTheUnitsTrueValuesAgainstTheCitysPlan(double p702, double p703, double p704, double pJkq, bool lagging)
    {
        var target = Plan.FindTarget("hi-tech")!;
        var counted = target.Assignments.Where(a => a.UnitId != "gxq").ToList();
        var paces = new Dictionary<string, double> { ["360702"] = p702, ["360703"] = p703, ["360704"] = p704, ["jkq"] = pJkq };

        var days = CityTruth.Lagging(Plan, target, counted, (unit, _) => paces[unit]);

        Assert.Equal(365, days.Length);
        Assert.Equal(lagging, days[Fx.D("2025-07-02").DayOfYear - 1]);
    }

    [Fact]
    public void Lagging_OfOneUnit_IsThatUnitsOwnTruth()
    {
        var target = Plan.FindTarget("rd-growth")!;
        var a = target.AssignmentFor("360702")!;
        double Pace(string unit, DateOnly day) => day.Month < 5 ? 0.7 : day.Month < 9 ? 1.0 : 0.85;

        var days = CityTruth.Lagging(Plan, target, [a], Pace);

        var own = Trajectory.Build(Plan, target, [a]);
        Assert.Equal(own.Select(p => LightRules.Raw((Pace(a.UnitId, p.Date) - 1) * p.Expected / a.Target * 100, target.Thresholds) != Light.Green), days);
        Assert.Contains(true, days);
        Assert.Contains(false, days);
    }

    [Theory]
    // final values, annual targets, the city finished the year
    [InlineData(new[] { 40.0, 30 }, new[] { 40.0, 30 }, true)]
    [InlineData(new[] { 50.0, 20 }, new[] { 40.0, 30 }, true)] // one unit short, the city is not
    [InlineData(new[] { 40.0, 29 }, new[] { 40.0, 30 }, false)]
    [InlineData(new[] { 1.0, 0 }, new[] { 1.0, 1 }, false)]
    [InlineData(new double[0], new double[0], true)]
    public void Finished_WhenTheFinalValuesAddUpToTheAnnualTargets(double[] finals, double[] annuals, bool finished)
    {
        Assert.Equal(finished, CityTruth.Finished(finals.Zip(annuals)));
    }
}
