using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests.Weekly;

/// <summary>The pack of <see cref="WeeklyScenario"/>: every number below follows from the scenario by hand
/// (s = 187/365 on 6 Jul, 180/365 on 29 Jun; hi-tech yellow at −5 pp, red at −30 pp). A figure is judged at its own date
/// while its unit is not 未报送: 360702's 22 at 4 Jul (185/365; a week earlier its 20 at 27 Jun, 178/365), jkq's 6 at
/// 5 Jul (186/365); 360704 (none yet) at 6 Jul. Issue 17: 360703 (last figure 31 Mar, two monthly figures overdue) is
/// read at the newest knowable date, 31 May (151/365: June's figure is released 10 Jul), and is at most yellow from the
/// missing figures alone; a unit with no report, or a target without one, is grey: nothing to judge, not ranked at 0.</summary>
public class WeeklyPackBuilderTests
{
    private const double S = 187.0 / 365;
    private const double SPrev = 180.0 / 365;
    private const double S702 = 185.0 / 365;
    private const double SJkq = 186.0 / 365;
    private const double S703 = 151.0 / 365;
    private const double SCity = ((40 * S702) + (30 * S703) + (20 * S) + (10 * SJkq)) / 100;
    private static readonly WeeklyPack Pack = WeeklyScenario.Build();

    [Fact]
    public void Summary_HiTech_SumsCountedUnits_AndComparesWithLastWeek()
    {
        var r = Pack.Summary.Single(x => x.TargetId == "hi-tech");
        Assert.Equal((100.0, 34.0, 26.0), (r.Annual, r.Actual, r.PreviousActual));
        Assert.Equal(0.34, r.CompletionRate, Fx.Tol);
        Assert.Equal(SCity, r.ScheduleRate, Fx.Tol);
        Assert.Equal((0.34 - SCity) * 100, r.GapPoints, Fx.Tol);
        Assert.Equal(new DateOnly(2025, 5, 31), r.ScheduleDate);
        Assert.Equal((Light.Yellow, Light.Yellow), (r.Light, r.PreviousLight));
        Assert.Equal(8, r.DeltaPoints, Fx.Tol);
        Assert.Equal(8, r.DeltaValue, Fx.Tol);
        Assert.Equal(2, r.UnitsNotReported);
        Assert.Equal("高新科", r.Department);
        Assert.Equal(Pack.Summary.Select(x => x.TargetId), WeeklyScenario.Plan.Targets.Select(t => t.Id));
    }

    [Fact]
    public void Ranking_ScoresRanksAndChangesSinceLastWeek()
    {
        // Issue 17: targets without a report are grey and not scored, so 360704 (nothing reported) has no rank and jkq
        // (no report last week) no previous rank.
        Assert.Equal(
            [("jkq", (int?)1, (int?)null, (int?)null), ("360702", 2, 1, -1), ("360703", 3, 2, -1), ("360704", null, null, null)],
            Pack.Ranking.Select(r => (r.UnitId, r.Rank, r.PreviousRank, r.RankChange)));
        var score = Pack.Ranking.ToDictionary(r => r.UnitId, r => r.Score);
        // 家 are scored against what each light holds the unit to: whole items owed, or for a count where one item is
        // within the yellow tolerance (over 20 items at 5 points) the expected value less the half item under way.
        Assert.Equal(120, score["jkq"]!.Value, Fx.Tol);                                 // 6 of 10 at 5.1 expected: 5 owed, capped
        Assert.Equal(22.0 / 20 * 100, score["360702"]!.Value, Fx.Tol);                 // 22 of 40 at 20.3 expected: 20 owed
        Assert.Equal(6 / ((30 * S703) - 0.5) * 100, score["360703"]!.Value, Fx.Tol);   // 6 of 30 at 12.4 expected: 11.9
        Assert.Null(score["360704"]);
        Assert.Equal(20.0 / 19 * 100, Pack.Ranking.Single(r => r.UnitId == "360702").PreviousScore!.Value, Fx.Tol); // 20 at 19.5: 19 owed
        Assert.Equal(UnitScore.Rule, Pack.RankingRule);
    }

    [Fact]
    public void Watch_HiTech_RedUnitsSinceTheirFirstNonGreenDay_WithAnswerOrNone()
    {
        var rows = Pack.Watch.Where(w => w.TargetId == "hi-tech").ToList();
        // Issue 17: 360704 has reported nothing, so it is grey (nothing to judge), not a red behind unit.
        Assert.Equal(["360703"], rows.Select(r => r.UnitId));
        var late = rows[0];

        // 6 of 30 on 31 Mar owes 7 whole 家 (−3.3 pp, green); from 16 Jun (May's figure released on 10 Jun, + 5 grace
        // days; April's was overdue from 16 May) two figures are overdue and it is read at the newer one's date, 31 May,
        // yellow, capped there by the missing figures alone (the old 2 × 31 + 5 day rule turned it on 7 Jun).
        Assert.Equal((Light.Yellow, new DateOnly(2025, 6, 16), "A-1", new DateOnly(2025, 8, 15)), (late.Light, late.Since, late.AlertId, late.PromisedBy));
        Assert.Equal(WeeklyScenario.Remedy, late.Remedy);
        Assert.Equal((0.2 - S703) * 100, late.GapPoints, Fx.Tol);
        // 差额 in whole 家: 12.4 expected is 12 owed, 6 done.
        Assert.Equal(Math.Floor(30 * S703) - 6, late.Shortfall!.Value, Fx.Tol);
    }

    [Fact]
    public void Watch_OnlyYellowAndRed_RedFirst_NoOverlays()
    {
        Assert.All(Pack.Watch, w => Assert.Contains(w.Light, new[] { Light.Yellow, Light.Red }));
        Assert.Equal(Pack.Watch.OrderByDescending(w => w.Light).ThenBy(w => w.GapPoints).Select(w => (w.UnitId, w.TargetId)),
            Pack.Watch.Select(w => (w.UnitId, w.TargetId)));
        Assert.DoesNotContain(Pack.Watch, w => w.UnitId == "gxq");
        Assert.Equal(Pack.Watch.Select(w => w.ChartName), Pack.Charts.Skip(WeeklyScenario.Plan.Targets.Length).Select(c => c.Name));
    }

    [Fact]
    public void Alerts_OpenedAndClosedDuringTheWeek()
    {
        Assert.Equal(["A-1"], Pack.AlertsOpened.Select(a => a.Id));
        Assert.Equal(["A-2"], Pack.AlertsClosed.Select(a => a.Id));
        Assert.Equal(["A-1"], Pack.Units.Single(u => u.UnitId == "360703").OpenAlerts.Select(a => a.Id));
        Assert.Empty(Pack.Units.Single(u => u.UnitId == "jkq").OpenAlerts);
    }

    [Fact]
    public void NotReported_ListsLateUnitsWithTheirNewestReport()
    {
        var rows = Pack.NotReported.ToDictionary(r => r.UnitId);
        Assert.Null(rows["360704"].LastReportedAsOf);
        Assert.Equal(["新认定高新技术企业"], rows["360704"].Targets.AsEnumerable());
        Assert.Contains("新认定高新技术企业", rows["360703"].Targets);
        Assert.Equal(new DateOnly(2025, 3, 31), rows["360703"].LastReportedAsOf);
        Assert.False(rows.ContainsKey("gxq"));
    }

    [Fact]
    public void Units_RankedFirst_ThenTheRest_WithWeekOverWeekValues()
    {
        Assert.Equal(["jkq", "360702", "360703", "360704", "gxq", "city"], Pack.Units.Select(u => u.UnitId));
        Assert.True(Pack.Units.Single(u => u.UnitId == "gxq").Overlay);
        var row = Pack.Units.Single(u => u.UnitId == "360702").Targets.Single(t => t.TargetId == "hi-tech");
        Assert.Equal((22.0, 20.0, 2.0, Light.Green, (string?)null), (row.Actual, row.PreviousActual, row.DeltaValue, row.Light, row.ChartName));
    }

    [Fact]
    public void Pack_IsFinal_WithCutOffAtSundayMidnight_AndLabelledSample()
    {
        Assert.True(Pack.Final);
        Assert.True(Pack.SampleSplit);
        Assert.Equal(Fx.At("2025-07-07", 0).AddTicks(-1), Pack.CutOff);
        Assert.Equal(Fx.At("2025-06-30", 0).AddTicks(-1), Pack.PreviousCutOff);
    }

    [Theory]
    // week, 360702 hi-tech actual then, previous actual: a past week reads as it stood, whatever came later
    [InlineData("2025-W26", 20.0, 0.0)]
    [InlineData("2025-W27", 22.0, 20.0)]
    [InlineData("2025-W28", 22.0, 22.0)]
    public void PastWeeks_AreJudgedAsTheyStood(string week, double actual, double previous)
    {
        Assert.True(IsoWeek.TryParse(week, out var w));
        var pack = WeeklyPackBuilder.Build(WeeklyScenario.Plan, WeeklyScenario.Histories(), [], w, Fx.At("2025-08-01"));
        var row = pack.Units.Single(u => u.UnitId == "360702").Targets.Single(t => t.TargetId == "hi-tech");
        Assert.Equal((actual, previous), (row.Actual, row.PreviousActual));
    }

    [Fact]
    public void FirstWeek_ComparesWithNewYear_AndRunningWeekIsAPreview()
    {
        Assert.True(IsoWeek.TryParse("2025-W01", out var first));
        var pack = WeeklyPackBuilder.Build(WeeklyScenario.Plan, WeeklyScenario.Histories(), [], first, Fx.At("2025-08-01"));
        Assert.Equal(PlanWeeks.PlanStart(WeeklyScenario.Plan), pack.PreviousCutOff);
        Assert.All(pack.Summary, r => Assert.Equal(0, r.PreviousActual));

        var running = WeeklyPackBuilder.Build(WeeklyScenario.Plan, WeeklyScenario.Histories(), [], WeeklyScenario.Week, Fx.At("2025-07-04", 12));
        Assert.False(running.Final);
        Assert.Equal(20, running.Units.Single(u => u.UnitId == "360702").Targets.Single(t => t.TargetId == "hi-tech").Actual);
    }

    [Theory]
    [InlineData("2024-W52", "2025-08-01")]
    [InlineData("2026-W02", "2026-02-01")]
    [InlineData("2025-W40", "2025-08-01")]
    public void Build_OutsideThePlanYearOrNotStarted_Throws(string week, string now)
    {
        Assert.True(IsoWeek.TryParse(week, out var w));
        Assert.Throws<ArgumentOutOfRangeException>(() => WeeklyPackBuilder.Build(WeeklyScenario.Plan, WeeklyScenario.Histories(), [], w, Fx.At(now)));
    }
}
