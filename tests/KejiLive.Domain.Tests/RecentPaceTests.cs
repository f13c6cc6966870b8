using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>Issue 17: a unit catching up (its recent quarter at or above the plan's pace, and the year at that pace within
/// the yellow tolerance) is not shown yellow; a unit still slow, or too far behind to make it at its recent pace, is.</summary>
public sealed class RecentPaceTests
{
    // hi-tech / 360702: target 40, linear (share d/365), monthly, yellow 5 / red 30. Figures "asOf=value" separated by
    // ';'; judged on 5 July. At 30 Jun the plan expects 40 × 181/365 = 19.84; from 31 Mar to 30 Jun it expects 9.97 more.
    private static readonly Planning.PlanDocument Plan = PlanJson.Load();

    [Theory]
    // 17 at 30 Jun is −7.1 pp (yellow); 11 in the quarter is 110% of the plan's 9.97; 17 + 20.16 × 1.10 = 39.2 ≥ 38: green.
    [InlineData("2025-03-31=6;2025-06-30=17", Light.Green, 1.103)]
    // 15: −12.1 pp; 9 in the quarter is 90%: still slow, yellow.
    [InlineData("2025-03-31=6;2025-06-30=15", Light.Yellow, 0.902)]
    // 14: −14.6 pp; 12 in the quarter (120%): 14 + 20.16 × 1.20 = 38.3 ≥ 38: green.
    [InlineData("2025-03-31=2;2025-06-30=14", Light.Green, 1.203)]
    // 10: −24.6 pp; 10 in the quarter (100%) yet 10 + 20.2 = 30.2 < 38: too far behind, yellow.
    [InlineData("2025-03-31=0;2025-06-30=10", Light.Yellow, 1.003)]
    // One figure: no recent pace, yellow.
    [InlineData("2025-06-30=17", Light.Yellow, null)]
    // A month apart is one month's noise: the recent pace looks back about a quarter (80 days), none here: yellow.
    [InlineData("2025-05-31=12;2025-06-30=17", Light.Yellow, null)]
    public void Evaluate_Yellow_TurnsGreenOnlyWhenCatchingUp(string reports, Light light, double? pace)
    {
        var entries = reports.Split(';').Select(r => r.Split('=')).Select(p => Fx.R(p[0], double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var target = Plan.FindTarget("hi-tech")!;
        var a = target.AssignmentFor("360702")!;

        var e = Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-07-05"), entries);

        Assert.InRange(e.GapPoints, -30, -5); // behind by the yellow tolerance, not red
        Assert.Equal(light, e.Light);
        var recent = RecentPace.Of(target, a, ReportSeries.Effective(entries));
        if (pace is null) Assert.Null(recent);
        else Assert.Equal(pace.Value, recent!.Value, 3);
        if (light == Light.Green) Assert.Contains($"最近一期完成计划进度的{Math.Round(pace!.Value * 100):0}%", e.Explanation);
        Assert.Equal(light == Light.Green ? LightBasis.CatchingUp : LightBasis.Gap, e.ExplanationCode);
    }

    [Fact]
    public void Of_AStepNotYetReached_HasNoPace()
    {
        // batches (step 20% on 31 Mar, 50% on 30 Sep): between 1 Apr and 30 Jun the plan expects nothing more.
        var target = Plan.FindTarget("batches")!;
        var series = ReportSeries.Effective([Fx.R("2025-04-01", 2), Fx.R("2025-06-30", 3)]);
        Assert.Null(RecentPace.Of(target, target.AssignmentFor("city")!, series));
    }
}
