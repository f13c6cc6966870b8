using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests.Weekly;

/// <summary>The red and yellow list's 差额 is the target page's (<see cref="KejiLive.Domain.Views.UnitContribution.ShortfallOf"/>):
/// for measures counted in items, the whole items that bring the unit back to what its light holds it to, the plain
/// amount for other measures; and the unit pages' 判灯依据 beside a light that its 较序时 alone would not give.</summary>
public sealed class PackShortfallTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    [Theory]
    // target, unit's annual target, expected, actual → 差额
    [InlineData("tech-smes", 400.0, 198.13, 165, 33)]          // 家: one item within the yellow tolerance, so 165 and half of the next against 198.13: 33 家
    [InlineData("talent-teams", 40.0, 19.97, 13, 7)]            // 个: 13.5 against 19.97: 7 个 (with 6 it would be 19.5, still behind)
    [InlineData("talent-teams", 8.0, 3.97, 1, 2)]               // one item is 12.5 points: the whole items due, 3, less 1 done
    [InlineData("talent-teams", 8.0, 3.97, 3, 0)]               // the 0.97 of the fourth is not owed yet
    [InlineData("talent-teams", 8.0, 3, 5, 0)]                  // ahead
    [InlineData("project-funding", 10000.0, 5603.4, 4880, 723.4)] // 万元: the amount
    [InlineData("rd-spending-growth", 3.0, 1.2, 0.51, 0.69)]    // 亿元
    public void Watch_Shortfall_IsTheTargetPages(string targetId, double annual, double expected, double actual, double shortfall)
    {
        var e = new TargetEvaluation(new(2025, 7, 1), annual, null, actual, expected, actual / annual, expected / annual,
            (actual - expected) / annual * 100, Light.Yellow, false, new(2025, 6, 30), null, null, false, 0, null, null);
        Assert.Equal(shortfall, KejiLive.Domain.Views.UnitContribution.ShortfallOf(Plan.FindTarget(targetId)!, e), 9);
    }

    [Theory]
    // ratio target, annual %, actual % → the 红黄名单's 差额 in points of the ratio (was none: "—")
    [InlineData("rd-intensity", 2.0, 1.12, 0.88)]
    [InlineData("enterprise-rd-ratio", 1.45, 1.26, 0.19)]
    [InlineData("enterprise-rd-ratio", 1.45, 1.5, 0.0)]      // at or above its level: nothing owed
    public void Watch_RatioShortfall_IsInPointsOfTheRatio(string targetId, double annual, double actual, double shortfall)
    {
        var target = Plan.FindTarget(targetId)!;
        var e = new TargetEvaluation(new(2025, 10, 20), annual, null, actual, annual, actual / annual, 1, (actual / annual - 1) * 100,
            Light.Red, false, new(2025, 9, 30), null, null, false, 0, null, null);
        Assert.Equal(shortfall, PackLists.ShortfallOf(target, e)!.Value, 9);
    }

    [Theory]
    // target, annual, gap points, light → the sentence shown (true) or none
    [InlineData("high-growth-firms", 1, -40, Light.Green, true)]   // 1 item, none owed yet: green at −40
    [InlineData("talent-teams", 12, -12, Light.Green, true)]       // would be yellow by points
    [InlineData("talent-teams", 12, -8, Light.Yellow, true)]       // hysteresis holds yellow
    [InlineData("talent-teams", 12, -12, Light.Yellow, false)]     // agrees
    [InlineData("talent-teams", 12, 5, Light.Green, false)]        // agrees
    [InlineData("talent-teams", 12, -35, Light.Red, false)]        // agrees
    [InlineData("talent-teams", 12, -20, Light.Red, true)]         // red from "will miss"
    [InlineData("talent-teams", 12, -20, Light.Grey, false)]       // grey: nothing judged
    public void WhyOf_OnlyWhereTheLightDiffersFromItsBand(string targetId, double annual, double gap, Light light, bool shown)
    {
        var e = new TargetEvaluation(new(2025, 10, 5), annual, null, 0, 0, 0, 0, gap, light, false, null, null, null, false, 0, null, null)
        {
            Explanation = "判灯依据。",
        };
        Assert.Equal(shown ? "判灯依据。" : null, PackLists.WhyOf(Plan.FindTarget(targetId)!, e));
    }

    [Fact]
    public void Summary_CityLightItsGapAloneWouldNotGive_CarriesItsReason()
    {
        // 启动中试基地建设: 2 个, one each for 信丰县 and 大余县, half the year's plan due by 30 June. Both report 0 on
        // 30 September: the city reads 0.0% against 50.0%, −50.0, and is green because no whole item is owed yet. The
        // summary table printed "−50.0 绿" with no reason while the unit pages said why.
        var histories = new Dictionary<(string, string), IReadOnlyList<ReportEntry>>
        {
            [("pilot-bases", "360722")] = [Fx.R("2025-09-30", 0)],
            [("pilot-bases", "360723")] = [Fx.R("2025-09-30", 0)],
        };
        Assert.True(IsoWeek.TryParse("2025-W42", out var week));
        var pack = WeeklyPackBuilder.Build(Plan, histories, [], week, ShanghaiTime.StartOf(new DateOnly(2025, 10, 20)).AddHours(8));

        var pilot = pack.Summary.Single(r => r.TargetId == "pilot-bases");
        Assert.Equal((Light.Green, -50.0), (pilot.Light, Math.Round(pilot.GapPoints, 1)));
        Assert.StartsWith("按各单位应完成的整项合计", pilot.Why, StringComparison.Ordinal);
        // A city light its 较序时 agrees with, or a grey one, carries none.
        Assert.All(pack.Summary.Where(r => r.Light == Light.Grey), r => Assert.Null(r.Why));
    }
}
