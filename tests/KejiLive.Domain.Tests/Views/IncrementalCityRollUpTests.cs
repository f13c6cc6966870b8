using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Views;

namespace KejiLive.Domain.Tests.Views;

public class IncrementalCityRollUpTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));
    private static readonly PlanDocument TestPlan = PlanJson.Load();

    public static TheoryData<string, int> TargetsAndSeeds()
    {
        var data = new TheoryData<string, int>();
        foreach (var t in Plan.Targets.Where(t => t.Kind != TargetKind.Milestone).Select(t => t.Id))
        {
            foreach (var seed in new[] { 1, 2025, 77 }) data.Add(t, seed);
        }
        // One milestone target is enough: its city figure is its owner's.
        data.Add(Plan.Targets.First(t => t.Kind == TargetKind.Milestone).Id, 5);
        return data;
    }

    [Theory]
    [MemberData(nameof(TargetsAndSeeds))]
    public void Roll_WhenSeededUpdates_EqualsFullRecomputation(string targetId, int seed)
    {
        var target = Plan.FindTarget(targetId)!;
        var rng = new Random(seed);
        var book = new IncrementalCityRollUp(Plan, target);
        var held = new Dictionary<string, TargetEvaluation>(StringComparer.Ordinal);
        var units = target.Assignments.Select(a => a.UnitId).ToList();
        var light = Light.Grey;
        for (var step = 0; step < 300; step++)
        {
            var unit = units[rng.Next(units.Count)];
            if (rng.NextDouble() < 0.05 && held.Count > 1)
            {
                book.Remove(unit);
                held.Remove(unit);
            }
            else
            {
                var e = RandomEvaluation(rng, target, unit);
                book.Set(new UnitResult(unit, e));
                held[unit] = e;
            }
            var now = Fx.At(2025, 1, 1).AddDays(rng.Next(0, 365));
            var expected = CityRollUp.Roll(Plan, target, [.. units.Where(held.ContainsKey).Select(u => new UnitResult(u, held[u]))], now, light);
            var actual = book.Roll(now, light);
            AssertSame(expected, actual, $"{targetId} seed {seed} step {step}");
            // 临期 units are counted like red ones: the held units' own flags, overlays never.
            var overlays = Plan.Units.Where(u => u.Kind == UnitKind.Overlay).Select(u => u.Id).ToHashSet();
            Assert.Equal(held.Count(kv => kv.Value.DueSoon is not null && !overlays.Contains(kv.Key)), book.UnitsDueSoon);
            light = actual.City.Light;
        }
    }

    [Theory]
    [InlineData("hi-tech", "360702", 0)]
    [InlineData("hi-tech", "gxq", 4)]
    [InlineData("hi-tech", "nowhere", -1)]
    public void OrderOf_WhenUnitHeldOrNot_IsAssignmentIndex(string targetId, string unit, int expected)
    {
        var target = TestPlan.FindTarget(targetId)!;
        Assert.Equal(expected, new IncrementalCityRollUp(TestPlan, target).OrderOf(unit));
    }

    [Fact]
    public void UnitsInOrder_WhenSetInAnyOrder_FollowsAssignments()
    {
        var target = TestPlan.FindTarget("hi-tech")!;
        var book = new IncrementalCityRollUp(TestPlan, target);
        var now = Fx.At("2025-07-01");
        foreach (var a in target.Assignments.Reverse()) book.Set(new UnitResult(a.UnitId, Fx.Eval(TestPlan, "hi-tech", a.UnitId, now)));
        Assert.Equal(target.Assignments.Select(a => a.UnitId), book.UnitsInOrder());
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 2)]
    public void Roll_WhenUnitReplacedManyTimes_CountsItOnce(int extraUpdates, int reporting)
    {
        var target = TestPlan.FindTarget("hi-tech")!;
        var book = new IncrementalCityRollUp(TestPlan, target);
        var now = Fx.At("2025-07-01");
        book.Set(new UnitResult("360702", Fx.Eval(TestPlan, "hi-tech", "360702", now, [Fx.R("2025-06-30", 20)])));
        for (var i = 0; i < extraUpdates; i++)
        {
            book.Set(new UnitResult("360703", Fx.Eval(TestPlan, "hi-tech", "360703", now, [Fx.R("2025-06-20", 10 + i)])));
        }
        var city = book.Roll(now, Light.Grey);
        Assert.Equal(reporting, city.UnitsReporting);
        Assert.Equal(20 + (extraUpdates == 0 ? 0 : 10 + extraUpdates - 1), city.City.Actual, Fx.Tol);
    }

    [Fact]
    public void Roll_WhenOverlayHeld_NeverSummedButHeld()
    {
        var target = TestPlan.FindTarget("hi-tech")!;
        var book = new IncrementalCityRollUp(TestPlan, target);
        var now = Fx.At("2025-07-01");
        book.Set(new UnitResult("gxq", Fx.Eval(TestPlan, "hi-tech", "gxq", now, [Fx.R("2025-06-30", 6)])));
        Assert.Equal(1, book.Count);
        Assert.Equal(0, book.Roll(now, Light.Grey).City.Actual);
        Assert.Empty(book.Shortfalls());
    }

    private static TargetEvaluation RandomEvaluation(Random rng, TargetDefinition target, string unit)
    {
        var annual = target.AssignmentFor(unit)!.Target;
        var date = new DateOnly(2025, 1, 1).AddDays(rng.Next(0, 365));
        var actual = Math.Round(annual * rng.NextDouble() * 1.3, rng.Next(0, 4));
        var expected = annual * rng.NextDouble();
        DateOnly? reportedAsOf = rng.NextDouble() < 0.8 ? date.AddDays(-rng.Next(0, 90)) : null;
        Forecast? forecast = rng.NextDouble() < 0.6 ? new Forecast(actual * 1.5, actual, actual * 2 + 1) : null;
        var ratio = rng.NextDouble() < 0.8;
        var denominator = 1000 + (rng.NextDouble() * 9000);
        var cr = annual > 0 ? actual / annual : 0;
        var sr = annual > 0 ? expected / annual : 0;
        var light = (Light)rng.Next(0, 4);
        return new TargetEvaluation(date, annual, null, actual, expected, cr, sr, (cr - sr) * 100, light, rng.NextDouble() < 0.2,
            reportedAsOf, forecast, null, false, 0, ratio ? denominator * rng.NextDouble() * 0.05 : null, ratio ? denominator : null)
        {
            ScheduleDate = reportedAsOf ?? date,
            DueSoon = rng.NextDouble() < 0.3 ? new DueSoon(date.AddDays(5), 5, "临期") : null,
        };
    }

    private static void AssertSame(CityEvaluation expected, CityEvaluation actual, string where)
    {
        var e = expected.City;
        var a = actual.City;
        Assert.True(Close(e.AnnualTarget, a.AnnualTarget), $"{where}: annual {e.AnnualTarget} vs {a.AnnualTarget}");
        Assert.True(Close(e.Actual, a.Actual), $"{where}: actual {e.Actual} vs {a.Actual}");
        Assert.True(Close(e.Expected, a.Expected), $"{where}: expected {e.Expected} vs {a.Expected}");
        Assert.True(Close(e.CompletionRate, a.CompletionRate), $"{where}: completion");
        Assert.True(Close(e.ScheduleRate, a.ScheduleRate), $"{where}: schedule");
        Assert.True(Close(e.GapPoints, a.GapPoints), $"{where}: gap {e.GapPoints} vs {a.GapPoints}");
        Assert.True(Close(e.RequiredPerMonth, a.RequiredPerMonth), $"{where}: required per month");
        Assert.True(Close(e.Numerator, a.Numerator) && Close(e.Denominator, a.Denominator), $"{where}: ratio parts");
        Assert.True(Close(e.Forecast?.Value, a.Forecast?.Value) && Close(e.Forecast?.Low, a.Forecast?.Low) && Close(e.Forecast?.High, a.Forecast?.High), $"{where}: forecast");
        Assert.Equal(e.Light, a.Light);
        Assert.Equal(e.WillMiss, a.WillMiss);
        Assert.Equal(e.NotReported, a.NotReported);
        Assert.Equal(e.Date, a.Date);
        Assert.Equal(e.ScheduleDate, a.ScheduleDate);
        Assert.Equal(e.ScheduleDateLatest, a.ScheduleDateLatest);
        Assert.Equal(e.ReportedAsOf, a.ReportedAsOf);
        Assert.Equal(e.Stretch, a.Stretch);
        Assert.Equal(expected.UnitsReporting, actual.UnitsReporting);
        Assert.Equal(expected.UnitsNotReported, actual.UnitsNotReported);
        Assert.Equal(expected.UnitsRed, actual.UnitsRed);
        Assert.Equal(expected.Shortfalls.Select(s => s.UnitId), actual.Shortfalls.Select(s => s.UnitId));
        for (var i = 0; i < expected.Shortfalls.Length; i++)
        {
            Assert.True(Close(expected.Shortfalls[i].Amount, actual.Shortfalls[i].Amount), $"{where}: shortfall {i}");
            Assert.True(Close(expected.Shortfalls[i].Share, actual.Shortfalls[i].Share), $"{where}: share {i}");
        }
    }

    private static bool Close(double? x, double? y) =>
        x is null || y is null ? x is null && y is null : Math.Abs(x.Value - y.Value) <= Fx.Tol * Math.Max(1, Math.Abs(x.Value));
}
