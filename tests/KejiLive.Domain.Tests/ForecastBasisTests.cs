using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>Issue 17, fourth round: the year-end forecast is explained on the target page in one Chinese sentence
/// (预计依据) that says what the figure was computed from.</summary>
public class ForecastBasisTests
{
    private static readonly PlanDocument Shipped = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    public static TheoryData<string, string, string, (string AsOf, double Value)[], string> Rows => new()
    {
        // target, unit, judged on, figures, sentence
        {
            // talent-teams (个, linear) × 360702: three monthly figures; 12 × 181/365 = 5.95 items due, one item's share 1/12.
            "talent-teams", "360702", "2025-07-15", [("2025-04-30", 4), ("2025-05-31", 5), ("2025-06-30", 6)],
            "按最近3期报送（截至6月30日）完成计划进度的{pace}%推算余下进度（已报越少越向计划进度靠拢），预计年底约{value}个。"
        },
        {
            // hi-tech-enterprises (家, batches from 30 September): figures before the first step say nothing of the pace.
            "hi-tech-enterprises", "360702", "2025-08-15", [("2025-06-30", 0), ("2025-07-31", 0)],
            "截至7月31日计划尚未要求完成，已报数据尚不反映进度，按计划进度预计年底约{value}家。"
        },
        {
            // pilot-bases (个, 1 a unit, 50% at 30 June): half an item due is no item owed.
            "pilot-bases", "360722", "2025-08-15", [("2025-06-30", 0)],
            "截至6月30日计划应完成不足1个，已报数据尚不反映进度，按计划进度预计年底约{value}个。"
        },
        {
            // One figure of a whole-item count: "截至…的报送".
            "talent-teams", "360702", "2025-07-15", [("2025-06-30", 6)],
            "按截至6月30日的报送完成计划进度的{pace}%推算余下进度（已报越少越向计划进度靠拢），预计年底约{value}个。"
        },
        {
            // The whole plan due: the value so far.
            "talent-teams", "360702", "2025-12-31", [("2025-11-30", 10), ("2025-12-31", 13)],
            "计划已全部到期，年底预计即截至12月31日的累计约{value}个。"
        },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Cumulative_SaysWhatTheForecastWasMadeFrom(string targetId, string unitId, string on, (string AsOf, double Value)[] figures, string sentence)
    {
        var target = Shipped.FindTarget(targetId)!;
        var unit = target.AssignmentFor(unitId)!;
        var reports = figures.Select(f => Fx.R(f.AsOf, f.Value)).ToArray();
        var e = TargetEvaluator.Evaluate(Shipped, target, unit, reports, Fx.At(on, 20), new PreviousLight(Light.Green, null));
        var paced = reports.Select(r => new PacedFigure(r.Value, PlanCurve.Share(target, unit, r.AsOf))).Where(f => f.Share > 0).TakeLast(3).ToList();
        var pace = ForecastModel.FiguresPace(paced, unit.Target, ItemRules.IsWhole(target));
        var expected = sentence
            .Replace("{pace}", pace is { } x ? (x * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) : "?", StringComparison.Ordinal)
            .Replace("{value}", Math.Round(e.Forecast!.Value, MidpointRounding.AwayFromZero).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Equal(expected, e.ForecastBasis);
    }

    [Fact]
    public void Cumulative_ContinuousMeasure_ShowsTheValueWithDecimals()
    {
        // project-funding (万元, growth on last year's quarters) × 360702: two quarterly figures.
        var target = Shipped.FindTarget("project-funding")!;
        var unit = target.AssignmentFor("360702")!;
        var q1 = PlanCurve.Share(target, unit, new DateOnly(2025, 3, 31)) * unit.Target;
        var q2 = PlanCurve.Share(target, unit, new DateOnly(2025, 6, 30)) * unit.Target;
        var e = TargetEvaluator.Evaluate(Shipped, target, unit, [Fx.R("2025-03-31", q1), Fx.R("2025-06-30", q2 * 0.9)], Fx.At("2025-07-25", 20),
            new PreviousLight(Light.Green, null));
        var pace = (q1 + (q2 * 0.9)) / (q1 + q2);
        var value = e.Forecast!.Value;
        // Formatted as the product formats it, in the invariant culture: under a culture writing "2,5" the basis still says 2.5.
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"按最近2期报送（截至6月30日）完成计划进度的{pace * 100:0}%推算余下进度（已报越少越向计划进度靠拢），预计年底{(value >= 100 ? value.ToString("0", System.Globalization.CultureInfo.InvariantCulture) : value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture))}万元。"),
            e.ForecastBasis);
    }

    [Fact]
    public void Ratio_TheNewestValueAndItsBand()
    {
        var plan = PlanJson.Load();
        var e = Fx.Eval(plan, "rd-intensity", "360702", Fx.At("2025-07-01"), [Fx.R("2025-06-30", 2.4)]);
        var band = 0.05 * (1 - (182.0 / 365)) * 100;
        Assert.Equal(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"按最新一期数值2.4%预计，区间为其±{band:0.#}%，随年内剩余时间收窄。"), e.ForecastBasis);
    }

    [Fact]
    public void NoReport_NoForecastNoBasis()
    {
        var plan = PlanJson.Load();
        var e = Fx.Eval(plan, "hi-tech", "360702", Fx.At("2025-07-01"), []);
        Assert.Null(e.Forecast);
        Assert.Null(e.ForecastBasis);
    }
}
