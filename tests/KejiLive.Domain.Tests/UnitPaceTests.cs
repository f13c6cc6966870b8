using System.Globalization;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>Issue 17, fifth round: a unit catching up on its other targets (their last quarter's pace well above their pace
/// so far) moves the point forecast of a target whose own figures still show the slow months, and a target's thin
/// evidence is shrunk towards the unit's pace on its other targets instead of the plan's (<see cref="UnitPace"/>).</summary>
public class UnitPaceTests
{
    private static readonly PlanDocument Shipped = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    public static TheoryData<(string Target, double Pace, double? Recent)[], string, double?, int, double?, int> BorrowRows => new()
    {
        // the unit's targets' own paces (target, pace, recent pace), the target asking; level handed to it and from how
        // many targets, rise and from how many
        { [("a", 0.75, 1.10), ("b", 0.70, 1.05), ("c", 0.80, 1.20)], "x", 0.75, 3, 0.35, 3 }, // catching up: mean rise 0.367, in steps of 0.05
        { [("a", 0.75, 1.10), ("b", 0.70, 1.05), ("c", 0.80, 1.20)], "c", 0.70, 2, 0.35, 2 }, // its own pace is left out (0.725 in binary is just under 0.725)
        { [("a", 0.75, 1.10), ("b", 0.70, 1.05)], "a", null, 0, null, 0 }, // one other target is one target's luck
        { [("a", 0.95, 1.00), ("b", 1.00, 1.10), ("c", 1.05, 1.00)], "x", 1.00, 3, null, 0 }, // steady: rise 0.03, not above 0.3
        { [("a", 0.70, 1.00), ("b", 0.70, 1.00)], "x", 0.70, 2, null, 0 }, // exactly 0.3: not above it
        { [("a", 0.70, 1.10), ("b", 0.70, null), ("c", 0.60, 1.00)], "x", 0.65, 3, 0.40, 2 }, // no recent pace: in the level only
        { [("a", 0.70, 1.10), ("b", 0.70, null)], "x", 0.70, 2, null, 0 }, // one recent pace: no rise
        { [("a", 0.62, 0.60), ("b", 0.62, 0.66)], "x", 0.60, 2, null, 0 }, // behind and staying behind
        { [("a", 0.666, null), ("b", 0.661, null)], "x", 0.65, 2, null, 0 }, // in steps of 0.05
        { [("a", 0.71, null), ("b", 0.72, null)], "x", 0.70, 2, null, 0 }, // a report's wobble stays in its step
        { [("a", 0.74, null), ("b", 0.72, null)], "x", 0.75, 2, null, 0 }, // the next step up
        { [], "x", null, 0, null, 0 },
    };

    [Theory]
    [MemberData(nameof(BorrowRows))]
    public void Borrow_Table((string Target, double Pace, double? Recent)[] paces, string targetId, double? level, int targets, double? rise, int riseTargets)
    {
        var unit = UnitPace.Borrow(paces.Select(p => new OwnPace(p.Target, p.Pace, p.Recent)), targetId);
        if (level is null)
        {
            Assert.Null(unit);
            return;
        }
        Assert.NotNull(unit);
        Assert.Equal(level.Value, unit.Level, 1e-9);
        Assert.Equal(targets, unit.Targets);
        Assert.Equal(rise, unit.Rise);
        Assert.Equal(riseTargets, unit.RiseTargets);
    }

    public static TheoryData<string, string, (string AsOf, double Value)[], bool, bool> OfRows => new()
    {
        // target, unit, figures, has own pace, has a recent pace
        { "talent-teams", "360702", [("2025-05-31", 4), ("2025-06-30", 5), ("2025-07-31", 6), ("2025-08-31", 8)], true, true }, // a quarter back
        { "talent-teams", "360702", [("2025-07-31", 6), ("2025-08-31", 8)], true, false }, // one month back: no recent pace
        { "hi-tech-enterprises", "360702", [("2025-06-30", 0), ("2025-07-31", 0)], false, false }, // before the first step
        { "pilot-bases", "360722", [("2025-06-30", 0)], false, false }, // half of one item due: no evidence
        { "project-funding", "360702", [("2025-03-31", 3000), ("2025-06-30", 6000)], true, true }, // growth, quarterly
        { "rd-intensity", "360702", [("2025-06-30", 2.1)], false, false }, // a ratio has no pace
        { "talent-teams", "360702", [], false, false },
    };

    [Theory]
    [MemberData(nameof(OfRows))]
    public void Of_OwnEvidenceOnly(string targetId, string unitId, (string AsOf, double Value)[] figures, bool hasPace, bool hasRecent)
    {
        var target = Shipped.FindTarget(targetId)!;
        var unit = target.AssignmentFor(unitId)!;
        var series = ReportSeries.Effective([.. figures.Select(f => Fx.R(f.AsOf, f.Value))]);
        var own = UnitPace.Of(target, unit, series);
        Assert.Equal(hasPace, own is not null);
        if (own is null) return;
        Assert.Equal(targetId, own.TargetId);
        var paced = TargetEvaluator.PacedFigures(target, unit, series);
        Assert.Equal(ForecastModel.FiguresPace(paced, unit.Target, ItemRules.IsWhole(target))!.Value, own.Pace, 1e-9);
        Assert.Equal(hasRecent, own.Recent is not null);
        if (own.Recent is { } recent) Assert.Equal(RecentPace.Of(target, unit, series)!.Value, recent, 1e-9);
    }

    [Theory]
    // actual, target, share, pace, whole, prior: point = actual + (1 − p) × target × (w × pace + (1 − w) × prior)
    [InlineData(3, 10, 0.3, 0.5, true, 0.6, 3 + (7 * ((0.75 * 0.5) + (0.25 * 0.6))))] // one item's share k = 0.1: w = 0.75
    [InlineData(1, 10, 0.1, 0.5, true, 0.6, 1 + (9 * ((0.5 * 0.5) + (0.5 * 0.6))))] // one item due: half the unit's pace
    [InlineData(7, 40, 0.35, 0.5, false, 0.6, 7 + (26 * ((0.35 / 0.37 * 0.5) + (0.02 / 0.37 * 0.6))))] // continuous: little moves
    [InlineData(3, 10, 0.3, 0.5, true, 1, 3 + (7 * ((0.75 * 0.5) + 0.25)))] // prior 1: the plan's pace, as before
    public void Point_ShrunkTowardsThePrior(double actual, double target, double p, double pace, bool whole, double prior, double expected)
    {
        Assert.Equal(expected, ForecastModel.Point(actual, target, p, pace, whole, prior), 1e-9);
    }

    [Fact]
    public void Cumulative_UnitPace_RiseAddedLevelAsPrior_RangeUnmoved()
    {
        PacedFigure[] figures = [new(10, 0.5), new(11, 0.55), new(12, 0.6)];
        var plain = ForecastModel.Cumulative(12, 40, 0.6, figures: figures);
        var level = ForecastModel.Cumulative(12, 40, 0.6, figures: figures, unit: new BorrowedPace(0.8, 3, null, 0));
        var rising = ForecastModel.Cumulative(12, 40, 0.6, figures: figures, unit: new BorrowedPace(0.8, 3, 0.4, 3));
        var pace = 33.0 / 66;
        Assert.Equal(ForecastModel.Point(12, 40, 0.6, pace, false), plain.Value, 1e-9);
        Assert.Equal(ForecastModel.Point(12, 40, 0.6, pace, false, 0.8), level.Value, 1e-9);
        Assert.Equal(ForecastModel.Point(12, 40, 0.6, pace + 0.4, false, 0.8), rising.Value, 1e-9);
        Assert.All([level, rising], f => Assert.Equal((plain.Low, plain.High), (f.Low, f.High)));
    }

    [Fact]
    public void Evaluate_UnitPaceMovesOnlyAForecastOnItsOwnFigures()
    {
        var now = Fx.At("2025-10-10", 20);
        var previous = new PreviousLight(Light.Green, null);
        var unit = new BorrowedPace(0.75, 5, 0.4, 4);
        // talent-teams × 360702 (12 个, linear) at 0.7 of plan: its own figures are evidence, the rise moves its point.
        var talent = Shipped.FindTarget("talent-teams")!;
        var t = talent.AssignmentFor("360702")!;
        ReportEntry[] slow = [Fx.R("2025-06-30", 4), Fx.R("2025-07-31", 5), Fx.R("2025-08-31", 5), Fx.R("2025-09-30", 6)];
        var without = TargetEvaluator.Evaluate(Shipped, talent, t, slow, now, previous);
        var with = TargetEvaluator.Evaluate(Shipped, talent, t, slow, now, previous, unitPace: unit);
        Assert.True(with.Forecast!.Value > without.Forecast!.Value);
        Assert.Equal(without.Light, with.Light);
        Assert.Equal(without.Forecast.Low, with.Forecast.Low, 1e-9);
        Assert.NotNull(with.OwnPace);
        Assert.Equal(without.OwnPace, with.OwnPace);
        // hi-tech-enterprises × 360702 before its first step: no evidence of its own, the plan's pace either way.
        var hiTech = Shipped.FindTarget("hi-tech-enterprises")!;
        var h = hiTech.AssignmentFor("360702")!;
        ReportEntry[] early = [Fx.R("2025-07-31", 0)];
        var plan = TargetEvaluator.Evaluate(Shipped, hiTech, h, early, Fx.At("2025-08-20", 20), previous);
        var stillPlan = TargetEvaluator.Evaluate(Shipped, hiTech, h, early, Fx.At("2025-08-20", 20), previous, unitPace: unit);
        Assert.Equal(plan.Forecast, stillPlan.Forecast);
        Assert.Equal(plan.ForecastBasis, stillPlan.ForecastBasis);
        Assert.Null(stillPlan.OwnPace);
    }

    [Fact]
    public void ForecastBasis_SaysTheUnitIsCatchingUp()
    {
        var talent = Shipped.FindTarget("talent-teams")!;
        var t = talent.AssignmentFor("360702")!;
        ReportEntry[] slow = [Fx.R("2025-06-30", 4), Fx.R("2025-07-31", 5), Fx.R("2025-08-31", 5), Fx.R("2025-09-30", 6)];
        var e = TargetEvaluator.Evaluate(Shipped, talent, t, slow, Fx.At("2025-10-10", 20), new PreviousLight(Light.Green, null), unitPace: new BorrowedPace(0.75, 5, 0.4, 4));
        var pace = e.OwnPace!.Pace;
        var value = Math.Round(e.Forecast!.Value, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture);
        Assert.Equal(
            $"按最近3期报送（截至9月30日）完成计划进度的{Pct(pace)}%，加本单位其他4项指标最近一季度快于累计进度的40个百分点（正在追赶），" +
            $"即按{Pct(pace + 0.4)}%推算余下进度（已报越少越向本单位其他5项指标的进度75%靠拢），预计年底约{value}个。",
            e.ForecastBasis);
        var steady = TargetEvaluator.Evaluate(Shipped, talent, t, slow, Fx.At("2025-10-10", 20), new PreviousLight(Light.Green, null), unitPace: new BorrowedPace(0.75, 5, null, 0));
        Assert.Equal(
            $"按最近3期报送（截至9月30日）完成计划进度的{Pct(pace)}%推算余下进度（已报越少越向本单位其他5项指标的进度75%靠拢），" +
            $"预计年底约{Math.Round(steady.Forecast!.Value, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}个。",
            steady.ForecastBasis);
    }

    private static string Pct(double pace) => (pace * 100).ToString("0", CultureInfo.InvariantCulture);
}
