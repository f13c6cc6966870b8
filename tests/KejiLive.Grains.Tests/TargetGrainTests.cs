using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains.Tests;

public sealed class TargetGrainTests(SharedClusterFixture fixture) : IClassFixture<SharedClusterFixture>
{
    private ITargetGrain Target(string target, string unit) =>
        fixture.Keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target(target, unit));

    [Fact]
    public async Task Submit_WhenNew_StoresAndJudgesAgainstTheCurve()
    {
        // talent-teams is linear; 章贡区 holds 27. Judged on 2025-07-01, the 30 Jun figure is compared with the 序时进度 of
        // its own date (截至数据日期): 181/365.
        var result = await Target("talent-teams", "360702").SubmitAsync(Reports.Count("tt-1", "2025-06-30", 9, note: "引进团队 9 个"));

        Assert.Equal(IngestOutcome.Created, result.Outcome);
        var s = result.Snapshot;
        Assert.Equal(27, s.AnnualTarget);
        Assert.Equal(9, s.Actual);
        Assert.Equal(181.0 / 365, s.ScheduleRate, 9);
        Assert.Equal(new DateOnly(2025, 6, 30), s.ScheduleDate);
        Assert.Equal(27 * 181.0 / 365, s.Expected, 9);
        Assert.Equal(9.0 / 27, s.CompletionRate, 9);
        Assert.Equal((9.0 / 27 - 181.0 / 365) * 100, s.GapPoints, 9);
        Assert.Equal("yellow", s.Light); // −16.3 pp: between 10 and 30 behind
        Assert.Equal(new DateOnly(2025, 6, 30), s.ReportedAsOf);
        Assert.False(s.NotReported);
        Assert.Equal(1, s.ReportCount);

        var detail = await Target("talent-teams", "360702").GetDetailAsync();
        var entry = Assert.Single(detail.History);
        Assert.Equal(("tt-1", "引进团队 9 个", "test", "127.0.0.1"), (entry.ReportId, entry.Note, entry.SubmittedBy, entry.Source));
        Assert.Equal(SharedClusterFixture.Start, entry.ReceivedAt);
    }

    [Fact]
    public async Task Submit_WhenSameReportIdAndContent_IsDuplicateAndChangesNothing()
    {
        var grain = Target("talent-teams", "360703");
        await grain.SubmitAsync(Reports.Count("dup-1", "2025-06-30", 5));

        var again = await grain.SubmitAsync(Reports.Count("dup-1", "2025-06-30", 5));

        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);
        Assert.Single((await grain.GetDetailAsync()).History);
    }

    [Fact]
    public async Task Submit_WhenReportIdReusedWithOtherContent_IsConflictAndChangesNothing()
    {
        var grain = Target("talent-teams", "360704");
        await grain.SubmitAsync(Reports.Count("reuse-1", "2025-06-30", 5));

        var again = await grain.SubmitAsync(Reports.Count("reuse-1", "2025-06-30", 6));

        Assert.Equal(IngestOutcome.Conflict, again.Outcome);
        Assert.Equal("reportId", again.Field);
        var detail = await grain.GetDetailAsync();
        Assert.Equal(5, detail.Snapshot.Actual);
        Assert.Single(detail.History);
    }

    [Fact]
    public async Task Submit_WhenCumulativeGoesDownWithoutCorrection_IsRefusedAndChangesNothing()
    {
        var grain = Target("talent-teams", "360781");
        await grain.SubmitAsync(Reports.Count("down-1", "2025-05-31", 6));

        var refused = await grain.SubmitAsync(Reports.Count("down-2", "2025-06-30", 4));

        Assert.Equal(IngestOutcome.Refused, refused.Outcome);
        Assert.Equal("value", refused.Field);
        var detail = await grain.GetDetailAsync();
        Assert.Equal(6, detail.Snapshot.Actual);
        Assert.Single(detail.History);
    }

    [Fact]
    public async Task Submit_WhenCorrection_LowersValueAndKeepsHistory()
    {
        var grain = Target("talent-teams", "360783");
        await grain.SubmitAsync(Reports.Count("corr-1", "2025-06-30", 8));

        var corrected = await grain.SubmitAsync(Reports.Count("corr-2", "2025-06-30", 7, correction: true, note: "剔除重复统计 1 个"));

        Assert.Equal(IngestOutcome.Created, corrected.Outcome);
        Assert.Equal(7, corrected.Snapshot.Actual);
        var history = (await grain.GetDetailAsync()).History;
        Assert.Equal([("corr-1", 8.0, false), ("corr-2", 7.0, true)], history.Select(h => (h.ReportId, h.Value, h.Correction)));
    }

    [Fact]
    public async Task Check_WhenReportWouldBeRefused_SaysSoWithoutStoring()
    {
        var grain = Target("talent-teams", "360722");
        await grain.SubmitAsync(Reports.Count("chk-1", "2025-06-30", 3));

        var check = await grain.CheckAllAsync([Reports.Count("chk-2", "2025-06-30", 2)]);

        Assert.Equal(IngestOutcome.Refused, Assert.Single(check).Outcome);
        Assert.Single((await grain.GetDetailAsync()).History);
    }

    [Fact]
    public async Task SubmitAll_WhenLaterReportContradictsEarlierOne_StoresNone()
    {
        var grain = Target("talent-teams", "360723");

        var results = await grain.SubmitAllAsync([Reports.Count("all-1", "2025-06-20", 6), Reports.Count("all-2", "2025-06-30", 5)]);

        Assert.Equal([IngestOutcome.Created, IngestOutcome.Refused], results.Select(r => r.Outcome));
        Assert.Empty((await grain.GetDetailAsync()).History);
    }

    [Fact]
    public async Task SubmitAll_WhenReportsAgree_StoresAllInOrder()
    {
        var grain = Target("talent-teams", "360725");

        var results = await grain.SubmitAllAsync([Reports.Count("ok-1", "2025-05-31", 2), Reports.Count("ok-2", "2025-06-30", 3)]);

        Assert.All(results, r => Assert.Equal(IngestOutcome.Created, r.Outcome));
        Assert.Equal(3, results[1].Snapshot.Actual);
        Assert.Equal(["ok-1", "ok-2"], (await grain.GetDetailAsync()).History.Select(h => h.ReportId));
    }

    [Fact]
    public async Task CityTarget_WhenUnitsReport_RollsUpTheirSumsAndNamesTheShortfall()
    {
        // provincial-platforms (5 个, split over 5 units) gets reports from two of them.
        var city = fixture.Keji.Client.GetGrain<ICityTargetGrain>("provincial-platforms");
        var before = await city.GetAsync();
        var units = before.Units.Select(u => u.Unit).ToList();
        await Target("provincial-platforms", units[0]).SubmitAsync(Reports.Count("pp-1", "2025-06-30", 1));
        await Target("provincial-platforms", units[1]).SubmitAsync(Reports.Count("pp-2", "2025-06-30", 1));

        var after = await Eventually.Until(city.GetAsync, c => c.City.Actual == 2);

        Assert.Equal(5, after.City.AnnualTarget);
        Assert.Equal(after.Units.Sum(u => u.Expected), after.City.Expected, 9);
        Assert.Equal(2, after.UnitsReporting);
        Assert.Equal(after.Shortfalls.OrderByDescending(s => s.Amount).Select(s => s.Unit), after.Shortfalls.Select(s => s.Unit));
    }

    [Fact]
    public async Task Platform_WhenOwnerReportsMilestonesDone_ShowsWhichAreDoneAndOverdue()
    {
        // 信丰 pilot base: 方案 due 04-30, 启动 due 06-30, then 10-31 and 12-31. On 07-01 one done → 启动 is 1 day overdue.
        await Target("xinfeng-pilot-base", "360722").SubmitAsync(Reports.Count("xf-1", "2025-05-10", 1));

        var platform = await fixture.Keji.Client.GetGrain<IPlatformGrain>("xinfeng-pilot-base").GetAsync();

        Assert.Equal([true, false, false, false], platform.Milestones.Select(m => m.Done));
        Assert.Equal([0, 1, 0, 0], platform.Milestones.Select(m => m.DaysOverdue));
        // Issue 17: the start-up judgement (no report yet) turned the light yellow — 方案 is 47 days past its report
        // deadline (April's figure, released 10 May, + 5 grace days), and with no report since its due date the silence
        // makes it yellow at most, never red. The report then makes it green (启动's deadline is 15 July), but a
        // one-band change waits 14 days after the last change; the overdue days already show the report.
        Assert.Equal("yellow", platform.State.Light);
        Assert.Equal(1, platform.State.DaysOverdue);
    }

    [Fact]
    public async Task UnitScorecard_WhenUnitReports_ShowsTheReportInItsTargetsAndTheRankTheRankingGivesIt()
    {
        // Unit 360730 reports 12 teams; its scorecard must carry that figure, and its rank must be the ranking's place for it.
        await Target("talent-teams", "360730").SubmitAsync(Reports.Count("card-1", "2025-06-30", 12));
        var unit = fixture.Keji.Client.GetGrain<IUnitGrain>("360730");
        var ranking = fixture.Keji.Client.GetGrain<IRankingGrain>(GrainKeys.Plan(KejiCluster.Plan.Id));

        var judged = await Eventually.Until(unit.GetScorecardAsync, c => c.Targets.Any(t => t.Target == "talent-teams" && t.Actual == 12));
        // The unit's card reaches the ranking in its silo's next batch (UnitCardPublisher), and cards of other units may
        // still be arriving: the scorecard and the place are read between two equal reads of the ranking that hold the
        // card, so all four describe the same ranking.
        var (entry, card, place, ranked) = await Eventually.Until(async () =>
        {
            var first = await ranking.GetRankingAsync();
            var scorecard = await unit.GetScorecardAsync();
            var unitPlace = await ranking.GetPlaceAsync("360730");
            return (first, scorecard, unitPlace, await ranking.GetRankingAsync());
        }, s => s.first.Any(e => e.Unit == "360730" && e.Score == judged.Score) && s.first.SequenceEqual(s.Item4));

        var held = KejiCluster.Plan.Targets.Where(t => t.AssignmentFor("360730") is not null).Select(t => t.Id);
        Assert.Equal(held, card.Targets.Select(t => t.Target));
        var reported = card.Targets.Single(t => t.Target == "talent-teams");
        Assert.Equal((12.0, 1, false), (reported.Actual, reported.ReportCount, reported.NotReported));
        Assert.NotNull(card.Score);
        Assert.Equal(entry.Single(e => e.Unit == "360730").Rank, card.Rank);
        Assert.Equal((place.Rank, place.RankedUnits), (card.Rank, card.RankedUnits));
        // Issue 17: a unit with nothing judged (grey, no report) is unranked, so the count is the ranking's length, and in
        // this fixture, where only some units report, fewer than all 20 units.
        Assert.Equal(ranked.Length, place.RankedUnits);
        Assert.InRange(card.RankedUnits, 1, 19);
    }
}
