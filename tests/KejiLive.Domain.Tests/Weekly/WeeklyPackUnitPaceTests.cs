using System.Text.Json.Nodes;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests.Weekly;

/// <summary>The pack's year-end forecasts are the target page's: at the cut-off each target × unit is forecast with what
/// the unit's other targets say of its pace (<see cref="UnitPace.Borrow"/>), as the unit grain lends it. The scenario's
/// plan gets two more count targets like hi-tech, on which 南康区 (360703, red on hi-tech) reported at 0.6 of plan and
/// then caught up.</summary>
public sealed class WeeklyPackUnitPaceTests
{
    private static readonly PlanDocument Plan = Fx.Plan(j =>
    {
        var targets = (JsonArray)j["targets"]!;
        foreach (var id in new[] { "hi-tech-2", "hi-tech-3" })
        {
            var copy = (JsonObject)targets[0]!.DeepClone();
            copy["id"] = id;
            copy["name"] = "新认定高新技术企业（" + id + "）";
            targets.Add(copy);
        }
    });

    private static Dictionary<(string, string), IReadOnlyList<ReportEntry>> Histories(bool otherTargets)
    {
        var histories = WeeklyScenario.Histories();
        if (!otherTargets) return histories;
        foreach (var id in new[] { "hi-tech-2", "hi-tech-3" })
        {
            // 30 for 360703: 0.6 of plan at the end of March and of April, then on plan by the end of June.
            histories[(id, "360703")] = [Fx.R("2025-03-31", 4.4, id: id + "-q1"), Fx.R("2025-04-30", 7.4, id: id + "-apr"), Fx.R("2025-06-30", 15, id: id + "-jun")];
        }
        return histories;
    }

    private static WeeklyPack Build(bool otherTargets) =>
        WeeklyPackBuilder.Build(Plan, Histories(otherTargets), WeeklyScenario.Alerts(), WeeklyScenario.Week, WeeklyScenario.Now);

    [Fact]
    public void Build_WhenTheUnitsOtherTargetsCarryAPace_ItsWatchedChartForecastsWithIt()
    {
        var name = Build(otherTargets: true).Watch.Single(w => w is { TargetId: "hi-tech", UnitId: "360703" }).ChartName;
        var chart = Build(otherTargets: true).Charts.Single(c => c.Name == name);
        var alone = Build(otherTargets: false).Charts.Single(c => c.Name == name);

        var target = Plan.FindTarget("hi-tech")!;
        var cutOff = PlanWeeks.CutOff(Plan, WeeklyScenario.Week, WeeklyScenario.Now);
        var histories = Histories(otherTargets: true);
        var paces = new[] { "hi-tech-2", "hi-tech-3" }.Select(id =>
        {
            var t = Plan.FindTarget(id)!;
            return UnitPace.Of(t, t.AssignmentFor("360703")!, ReportSeries.EffectiveAt(histories[(id, "360703")], cutOff, PlanCurve.JudgedDate(Plan.Year, cutOff)))!;
        }).ToList();
        var lent = UnitPace.Borrow(paces, "hi-tech");
        Assert.NotNull(lent);
        var page = TargetEvaluator.Evaluate(Plan, target, target.AssignmentFor("360703")!, histories[("hi-tech", "360703")], cutOff,
            new PreviousLight(chart.Light, null), unitPace: lent);

        Assert.Equal(page.Forecast, chart.Forecast);
        Assert.NotEqual(alone.Forecast, chart.Forecast);
        // The borrowed pace moves the point only: the light and the range's low end stay.
        Assert.Equal(alone.Light, chart.Light);
        Assert.Equal(alone.Forecast!.Low, chart.Forecast!.Low, Fx.Tol);
    }
}
