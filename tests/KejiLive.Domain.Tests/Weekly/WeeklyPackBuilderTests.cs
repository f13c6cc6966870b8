using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests.Weekly;

/// <summary>The pack of <see cref="WeeklyScenario"/>: every number below follows from the scenario by hand
/// (s = 187/365 on 6 Jul, 180/365 on 29 Jun; hi-tech yellow at −5 pp, red at −30 pp). A figure is judged at its own date
/// while its unit is not 未报送: 360702's 22 at 4 Jul (185/365; a week earlier its 20 at 27 Jun, 178/365), jkq's 6 at
/// 5 Jul (186/365); 360703 (last figure 31 Mar, 未报送) and 360704 (none yet) at 6 Jul.</summary>
public class WeeklyPackBuilderTests
{
    private const double S = 187.0 / 365;
    private const double SPrev = 180.0 / 365;
    private const double S702 = 185.0 / 365;
    private const double S702Prev = 178.0 / 365;
    private const double SJkq = 186.0 / 365;
    private const double SCity = ((40 * S702) + (30 * S) + (20 * S) + (10 * SJkq)) / 100;
    private static readonly WeeklyPack Pack = WeeklyScenario.Build();

    [Fact]
    public void Summary_HiTech_SumsCountedUnits_AndComparesWithLastWeek()
    {
        var r = Pack.Summary.Single(x => x.TargetId == "hi-tech");
        Assert.Equal((100.0, 34.0, 26.0), (r.Annual, r.Actual, r.PreviousActual));
        Assert.Equal(0.34, r.CompletionRate, Fx.Tol);
        Assert.Equal(SCity, r.ScheduleRate, Fx.Tol);
        Assert.Equal((0.34 - SCity) * 100, r.GapPoints, Fx.Tol);
        Assert.Equal(new DateOnly(2025, 7, 4), r.ScheduleDate);
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
        Assert.Equal(
            [("jkq", 1, 3, 2), ("360702", 2, 1, -1), ("360703", 3, 2, -1), ("360704", 4, 3, -1)],
            Pack.Ranking.Select(r => (r.UnitId, r.Rank!.Value, r.PreviousRank!.Value, r.RankChange!.Value)));
        var score = Pack.Ranking.ToDictionary(r => r.UnitId, r => r.Score!.Value);
        Assert.Equal(0.6 / SJkq * 100, score["jkq"], Fx.Tol);
        Assert.Equal(0.55 / S702 / 2 * 100, score["360702"], Fx.Tol);
        Assert.Equal(0.2 / S / 2 * 100, score["360703"], Fx.Tol);
        Assert.Equal(0, score["360704"], Fx.Tol);
        Assert.Equal(0.5 / S702Prev / 2 * 100, Pack.Ranking.Single(r => r.UnitId == "360702").PreviousScore!.Value, Fx.Tol);
        Assert.Equal(UnitScore.Rule, Pack.RankingRule);
    }

    [Fact]
    public void Watch_HiTech_RedUnitsSinceTheirFirstNonGreenDay_WithAnswerOrNone()
    {
        var rows = Pack.Watch.Where(w => w.TargetId == "hi-tech").ToList();
        Assert.Equal(["360704", "360703"], rows.Select(r => r.UnitId));
        var (never, late) = (rows[0], rows[1]);

        Assert.Equal((Light.Red, new DateOnly(2025, 1, 19), false, (string?)null), (never.Light, never.Since, never.Answered, never.AlertId));
        Assert.Equal(-S * 100, never.GapPoints, Fx.Tol);
        Assert.Equal(20 * S, never.Shortfall!.Value, Fx.Tol);

        // 6 on 31 Mar was −4.7 pp: not enough to leave yellow (hysteresis 2 pp), so the run goes back to 19 Jan.
        Assert.Equal((Light.Red, new DateOnly(2025, 1, 19), "A-1", new DateOnly(2025, 8, 15)), (late.Light, late.Since, late.AlertId, late.PromisedBy));
        Assert.Equal(WeeklyScenario.Remedy, late.Remedy);
        Assert.Equal((0.2 - S) * 100, late.GapPoints, Fx.Tol);
        Assert.Equal((30 * S) - 6, late.Shortfall!.Value, Fx.Tol);
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
