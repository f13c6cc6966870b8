using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Views;
using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests;

/// <summary>The city owes what its units owe (<see cref="CityLight"/>): for item measures the whole items each unit owes
/// by its own 序时进度 date, and the city is never red while none of its units is. The tour found 引进共建高端研发机构 red
/// at −50 beside its two units, both green with "应完成0项", and nobody summoned. The live roll-up, the full one and the
/// weekly pack's city track agree.</summary>
public sealed class CityItemLightTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    /// <summary>Shipped plan, quarterly, step curves, 个 (yellow 10 / red 30): rd-institutes 360702 and jkq 1 each (50% on 30
    /// June, 100% on 31 December); maturation-projects 8 units of 1 each (25% / 62.5% / 100%); provincial-platforms 5 units
    /// of 1 (40% on 30 September). Every unit reports its figure for <c>asOf</c>; judged on <c>at</c>.</summary>
    public static TheoryData<string, string, string, string, double[], Light, Light, string> Cases() => new()
    {
        // name, target, figure date, judged on, figure per unit (in assignment order), every unit's light, city light, city sentence starts
        // Each institute owes floor(0.5) = 0: both green, and the city owes 0 + 0 (it was −50 points: red).
        { "institutes mid-year, nothing owed yet", "rd-institutes", "2025-06-30", "2025-08-20", [0, 0], Light.Green, Light.Green,
            "按各单位应完成的整项合计：应完成0个，已完成0个，较序时0个百分点。" },
        { "institutes, the first one done early", "rd-institutes", "2025-09-30", "2025-10-20", [1, 0], Light.Green, Light.Green,
            "按各单位应完成的整项合计：应完成0个，已完成1个，较序时50个百分点。" },
        // 31 December: each owes its 1, inside the 30-day grace: yellow units, so the city (−100 points) is yellow, not red.
        { "institutes at year end, both inside the grace", "rd-institutes", "2025-12-31", "2025-12-31", [0, 0], Light.Yellow, Light.Yellow,
            "按各单位应完成的整项合计：应完成2个，已完成0个，较序时-100个百分点。但没有单位亮红灯" },
        { "institutes at year end, both done", "rd-institutes", "2025-12-31", "2025-12-31", [1, 1], Light.Green, Light.Green,
            "按各单位应完成的整项合计：应完成2个，已完成2个，较序时0个百分点。" },
        // 62.5% of 1 is no whole item: the city owes nothing after the third quarter (it was −62.5: red).
        { "maturation after Q3, nothing owed", "maturation-projects", "2025-09-30", "2025-10-20", [0, 0, 0, 0, 0, 0, 0, 0], Light.Green, Light.Green,
            "按各单位应完成的整项合计：应完成0个，已完成0个" },
        { "provincial platforms after Q3", "provincial-platforms", "2025-09-30", "2025-10-20", [0, 0, 0, 0, 0], Light.Green, Light.Green,
            "按各单位应完成的整项合计：应完成0个" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void CityLight_ItemMeasure_OwesWhatItsUnitsOwe(string name, string targetId, string asOf, string at,
        double[] figures, Light unitLight, Light cityLight, string sentence)
    {
        var target = Plan.FindTarget(targetId)!;
        var now = Fx.At(at, 20);
        var units = target.Assignments.Select((a, i) => new UnitResult(a.UnitId,
            TargetEvaluator.Evaluate(Plan, target, a, [Fx.R(asOf, figures[i])], now, new PreviousLight(Light.Grey, null)))).ToList();
        Assert.All(units, u => Assert.True(u.Evaluation.Light == unitLight, $"{name}: {u.UnitId} is {u.Evaluation.Light}: {u.Evaluation.Explanation}"));

        var full = CityRollUp.Roll(Plan, target, units, now, Light.Grey).City;
        var book = new IncrementalCityRollUp(Plan, target);
        foreach (var u in units) book.Set(u);
        var live = book.City(now, Light.Grey);

        Assert.True(cityLight == full.Light, $"{name}: city {full.Light} ({full.Explanation})");
        Assert.Equal(cityLight, live.Light);
        Assert.StartsWith(sentence, full.Explanation);
        Assert.Equal(full.Explanation, live.Explanation);
    }

    /// <summary>拖后腿单位 (差额) owe what the light says they owe: the two institutes owing no whole item mid-year are not
    /// listed (the page listed both, "差 1 个", beside their green lights); at year end each owes its one.</summary>
    [Theory]
    [InlineData("2025-06-30", "2025-08-20", 0)]
    [InlineData("2025-12-31", "2025-12-31", 2)]
    public void Shortfalls_ItemMeasure_InWholeItemsOwed(string asOf, string at, int behind)
    {
        var target = Plan.FindTarget("rd-institutes")!;
        var now = Fx.At(at, 20);
        var units = target.Assignments.Select(a => new UnitResult(a.UnitId,
            TargetEvaluator.Evaluate(Plan, target, a, [Fx.R(asOf, 0)], now, new PreviousLight(Light.Grey, null)))).ToList();
        var book = new IncrementalCityRollUp(Plan, target);
        foreach (var u in units) book.Set(u);

        var full = CityRollUp.Roll(Plan, target, units, now, Light.Grey).Shortfalls;
        Assert.Equal(behind, full.Length);
        Assert.All(full, s => Assert.Equal(1, s.Amount, 9));
        Assert.Equal(full.Select(s => (s.UnitId, s.Amount)), book.Shortfalls().Select(s => (s.UnitId, s.Amount)));
    }

    /// <summary>The rule on its own, from the sums the roll-ups keep: <c>annual</c>, <c>actual</c>, what the units owe and
    /// how many are red.</summary>
    public static TheoryData<string, string, double, double, double, int, Light, Light, bool> RuleCases() => new()
    {
        // name, target, annual, actual, owed, units red, previous city light, city light, held below red (said so)
        { "item measure on what is owed", "rd-institutes", 2, 0, 0, 0, Light.Grey, Light.Green, false },
        { "one item short of two, a unit red", "rd-institutes", 2, 1, 2, 1, Light.Green, Light.Red, false },
        { "one item short of two, no unit red", "rd-institutes", 2, 1, 2, 0, Light.Green, Light.Yellow, true },
        { "no unit red turns a red city yellow", "rd-institutes", 2, 0, 2, 0, Light.Red, Light.Yellow, true },
        // 13 items owed of 25, 10 done: −12 points, yellow whatever the units.
        { "yellow stays the city's own", "high-growth-firms", 25, 10, 13, 0, Light.Green, Light.Yellow, false },
        // 万元 owe the expected value itself: 40% behind with no unit red is yellow, with one red unit red.
        { "other measures, no unit red", "project-funding", 100, 20, 60, 0, Light.Green, Light.Yellow, true },
        { "other measures, a unit red", "project-funding", 100, 20, 60, 1, Light.Green, Light.Red, false },
        { "other measures on schedule", "project-funding", 100, 60, 60, 0, Light.Green, Light.Green, false },
    };

    [Theory]
    [MemberData(nameof(RuleCases))]
    public void Judge_IsNeverRedWhileNoUnitIsRed(string name, string targetId, double annual, double actual, double owed,
        int unitsRed, Light previous, Light light, bool held)
    {
        var (judged, why, code) = CityLight.Judge(Plan.FindTarget(targetId)!, annual, actual, owed, anyReport: true, unitsRed, previous);
        Assert.True(light == judged, $"{name}: {judged} ({why})");
        Assert.Equal(held, why?.Contains("没有单位亮红灯", StringComparison.Ordinal) == true);
        Assert.Equal(held ? LightBasis.CityNotRed : why is null ? null : LightBasis.CityItems, code);
    }

    [Fact]
    public void Judge_WhenNoUnitHasReported_IsGrey() =>
        Assert.Equal(Light.Grey, CityLight.Judge(Plan.FindTarget("rd-institutes")!, 2, 0, 2, anyReport: false, 1, Light.Red).Light);

    [Theory]
    [InlineData("rd-institutes", 0.5, 0)]
    [InlineData("rd-institutes", 1, 1)]
    [InlineData("high-growth-firms", 1.5, 1)]
    [InlineData("high-growth-firms", 2.9999999999, 3)] // rounding noise is a whole item
    [InlineData("project-funding", 12.5, 12.5)]
    public void Owed_WholeItemsForItemMeasures(string targetId, double expected, double owed)
    {
        var e = new TargetEvaluation(new DateOnly(2025, 7, 1), 3, null, 0, expected, 0, 0, 0, Light.Green, false, null, null, null, false, 0, null, null);
        Assert.Equal(owed, CityLight.Owed(Plan.FindTarget(targetId)!, e), 9);
    }

    /// <summary>The weekly pack's city track (<see cref="TrackReplay.All"/>) judges the same way: the institutes, both
    /// unreported-but-not-owing after the second quarter, are green in W41 (the tour's pack showed 红 −50.0).</summary>
    [Fact]
    public void PackCityTrack_ItemMeasure_AgreesWithTheRollUp()
    {
        var target = Plan.FindTarget("rd-institutes")!;
        var cutOff = Fx.At("2025-10-12", 20);
        var previousEnd = Fx.At("2025-10-05", 20);
        var histories = target.Assignments.ToDictionary(a => (target.Id, a.UnitId), IReadOnlyList<ReportEntry> (_) => [Fx.R("2025-06-30", 0)]);
        var tracks = TrackReplay.All(Plan, histories, null, cutOff, previousEnd, parallelism: 1);
        Assert.All(target.Assignments, a => Assert.Equal(Light.Green, tracks.Units[(target.Id, a.UnitId)].Current.Light));

        var city = tracks.Cities[target.Id];

        Assert.Equal(Light.Green, city.Current.Light);
        Assert.Equal(-50, city.Current.GapPoints, 6); // the 较序时 shown is unchanged
        Assert.NotEqual(Light.Red, city.Previous.Light);
    }
}
