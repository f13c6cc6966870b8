using KejiLive.Domain.Calendar;
using KejiLive.Domain.Demo;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>The replay's city tile (<see cref="CityTile"/>): the units' judgements rolled up by the live roll-up once per
/// instant, and the city's lights measured against the city's truth with the unit's definitions.</summary>
public sealed class CityTileTests
{
    private static readonly PlanDocument Plan = PlanJson.Load();
    private static readonly DateOnly First = Fx.D("2025-03-01");

    /// <summary>One city judgement a day from 1 March at 00:00:01 (G green, Y yellow, R red, - grey); <c>truth</c> marks
    /// the days the city truly lags (L) or is within tolerance (.); days outside it are within tolerance.</summary>
    public static TheoryData<string, string, string, bool, int[]> Cases() => new()
    {
        // name, lights, truth, city finished the year,
        // [judgements, on plan, yellow/red on plan, reds, false reds, lags, never caught, first delay (−1: none), flaps]
        { "on plan and green", "GGGGGG", "......", false, [6, 6, 0, 0, 0, 0, 0, -1, 0] },
        { "grey until the first figure", "--GGGG", "......", false, [6, 6, 0, 0, 0, 0, 0, -1, 0] },
        { "a false yellow that flaps back", "GGYYGG", "......", false, [6, 6, 2, 0, 0, 0, 0, -1, 1] },
        { "a lag caught a day late", "GGGYYY", "..LLLL", false, [6, 2, 0, 0, 0, 1, 0, 1, 0] },
        { "a lag never caught", "GGGGGG", "..LL..", false, [6, 4, 0, 0, 0, 1, 1, -1, 0] },
        { "yellow before the lag leads it, caught on its first day", "GYYYYY", "...LLL", false, [6, 3, 2, 0, 0, 1, 0, 0, 0] },
        { "red while on plan is a false red", "GRRGGG", "......", false, [6, 6, 2, 1, 1, 0, 0, -1, 1] },
        { "red while lagging is right", "GRRRRR", ".LLLLL", false, [6, 1, 0, 1, 0, 1, 0, 0, 0] },
        { "red while lagging, but the city finished the year", "GRRRRR", ".LLLLL", true, [6, 1, 0, 1, 1, 1, 0, 0, 0] },
        { "two lags, the second caught by red", "GYGGRR", "LL..LL", false, [6, 2, 0, 1, 0, 2, 0, 1, 1] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Measure_CountsTheCityTileAsAUnitIsCounted(string name, string lights, string truth, bool finished, int[] expected)
    {
        var timeline = lights.Select((c, i) => (ShanghaiTime.StartOf(First.AddDays(i)) + SignalQuality.JudgeAfterMidnight, LightOf(c))).ToList();
        var lagging = new bool[365];
        for (var i = 0; i < truth.Length; i++) lagging[First.AddDays(i).DayOfYear - 1] = truth[i] == 'L';

        var q = CityTile.Measure("hi-tech", timeline, lagging, finished, SignalQuality.DefaultFlapDays, 2025);

        int[] actual = [q.Judgements, q.OnPlanJudgements, q.OnPlanRaised, q.Reds.Length, q.FalseReds, q.Lags.Length, q.NeverCaught,
            q.Lags.FirstOrDefault(l => l.Caught)?.DelayDays ?? -1, q.Flaps.Length];
        Assert.True(expected.SequenceEqual(actual), $"{name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
        Assert.All(q.Lags.Concat<object>(q.Reds).Concat(q.Flaps), e => Assert.Contains("city", e.ToString(), StringComparison.Ordinal));
    }

    /// <summary>hi-tech (家, linear, yellow 5): every counted unit judged on 1 July with its half of the year reported, then
    /// 360702 alone re-judged on 2 July with <c>figure</c> of its 40. The city is judged once per instant, from the newest
    /// judgement of every unit, exactly as the full roll-up judges the same units with the city's previous light.</summary>
    [Theory]
    [InlineData(20)] // on plan
    [InlineData(12)] // 360702 −20 points of its own, the city −8: yellow
    [InlineData(0)] // 360702 −50, red; the city −20
    [InlineData(35)]
    public void Roll_JudgesOnceAnInstantFromEachUnitsNewest_AsTheFullRollUp(double figure)
    {
        var target = Plan.FindTarget("hi-tech")!;
        var counted = target.Assignments.Where(a => a.UnitId != "gxq").ToList();
        var (day1, day2) = (Fx.At("2025-07-01", 0), Fx.At("2025-07-02", 0));
        var first = counted.Select(a => new UnitJudgement(day1, new UnitResult(a.UnitId, TargetEvaluator.Evaluate(Plan, target, a,
            [Fx.R("2025-06-30", a.Target / 2, day1)], day1, new PreviousLight(Light.Grey, null))))).ToList();
        var a702 = target.AssignmentFor("360702")!;
        var second = new UnitJudgement(day2, new UnitResult("360702", TargetEvaluator.Evaluate(Plan, target, a702,
            [Fx.R("2025-06-30", 20, day1), Fx.R("2025-07-01", figure, day2, correction: figure < 20)], day2,
            new PreviousLight(first[0].Unit.Evaluation.Light, null))));

        var city = CityTile.Roll(Plan, target, [second, .. first]);

        Assert.Equal(new[] { day1, day2 }, city.Select(c => c.At));
        var full1 = CityRollUp.Roll(Plan, target, [.. first.Select(j => j.Unit)], day1, Light.Grey).City;
        var full2 = CityRollUp.Roll(Plan, target, [second.Unit, .. first.Skip(1).Select(j => j.Unit)], day2, full1.Light).City;
        Assert.Equal(full1.Light, city[0].City.Light);
        Assert.Equal(full2.Light, city[1].City.Light);
        Assert.Equal(full2.Actual, city[1].City.Actual, 9);
        Assert.Equal(full2.Explanation, city[1].City.Explanation);
    }

    private static Light LightOf(char c) => c switch
    {
        'G' => Light.Green,
        'Y' => Light.Yellow,
        'R' => Light.Red,
        _ => Light.Grey,
    };
}
