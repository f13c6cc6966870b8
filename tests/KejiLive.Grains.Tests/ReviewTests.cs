using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains.Tests;

/// <summary>待核实 end to end on real grains and storage: talent-teams is linear and monthly; 龙南市 (360783) and 瑞金市
/// (360781) hold 12 each. History 3 by 31 Mar and 5 by 31 May is on the curve; on 1 July 序时进度 is 182/365.</summary>
public sealed class ReviewTests
{
    private static readonly DateTimeOffset Start = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Submit_WhenJumpFarOutsideHistory_AcceptsMarksAndKeepsTheMarkOverARestart()
    {
        var path = KejiCluster.NewDatabasePath();
        var key = GrainKeys.Target("talent-teams", "360783");
        try
        {
            await using (var first = await KejiCluster.StartAsync(Start, path))
            {
                var grain = first.Client.GetGrain<ITargetGrain>(key);
                await grain.SubmitAllAsync([Reports.Count("lq-03", "2025-03-31", 3), Reports.Count("lq-05", "2025-05-31", 5)]);

                // +7 in June: the history and the plan both allow about 1 a month, × 3 = 3 (also the 25% floor)
                var result = await grain.SubmitAsync(Reports.Count("lq-06", "2025-06-30", 12));

                Assert.Equal(IngestOutcome.Created, result.Outcome);
                Assert.Equal((12.0, "green", true, 1), (result.Snapshot.Actual, result.Snapshot.Light, result.Snapshot.PendingReview, result.Snapshot.PendingReviews));
            }

            await using var second = await KejiCluster.StartAsync(Start.AddDays(1), path);
            var detail = await second.Client.GetGrain<ITargetGrain>(key).GetDetailAsync();
            Assert.Equal((true, 1), (detail.Snapshot.PendingReview, detail.Snapshot.PendingReviews));
            Assert.Equal([("lq-03", null, false), ("lq-05", null, false), ("lq-06", "待核实", true)],
                detail.History.Select(h => (h.ReportId, h.Quality, h.PendingReview)));
            Assert.StartsWith("较5月31日已报送的5个增加7个，", detail.History[2].QualityReason, StringComparison.Ordinal);

            var confirmed = await second.Client.GetGrain<ITargetGrain>(key).ConfirmReviewAsync("lq-06", "市科技局办公室", "已电话核实：6月集中引进 7 个团队");

            var after = Assert.IsType<TargetDetail>(confirmed.Detail);
            Assert.Equal((false, 0), (after.Snapshot.PendingReview, after.Snapshot.PendingReviews));
            Assert.Equal(("已核实", false, "市科技局办公室", "已电话核实：6月集中引进 7 个团队"),
                (after.History[2].Quality, after.History[2].PendingReview, after.History[2].ReviewedBy, after.History[2].ReviewNote));
            Assert.Equal(Start.AddDays(1), after.History[2].ReviewedAt);
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task Reject_WhenAJumpAwaitsReview_StopsCountingItAtOnceAndKeepsItSentBackOverARestart()
    {
        var path = KejiCluster.NewDatabasePath();
        var key = GrainKeys.Target("talent-teams", "360781");
        try
        {
            await using (var first = await KejiCluster.StartAsync(Start, path))
            {
                var grain = first.Client.GetGrain<ITargetGrain>(key);
                await grain.SubmitAllAsync([Reports.Count("rj-03", "2025-03-31", 3), Reports.Count("rj-05", "2025-05-31", 5)]);
                await grain.SubmitAsync(Reports.Count("rj-06", "2025-06-30", 12));

                var refused = await grain.RejectReviewAsync("rj-06", "市科技局办公室", "  ");
                var rejected = await grain.RejectReviewAsync("rj-06", "市科技局办公室", "与团队认定文件不符，请核对后重报");

                Assert.Equal(("reason", (TargetDetail?)null), (refused.Field, refused.Detail));
                var after = Assert.IsType<TargetDetail>(rejected.Detail);
                Assert.Equal((5.0, false, 0), (after.Snapshot.Actual, after.Snapshot.PendingReview, after.Snapshot.PendingReviews));
                Assert.Equal(new DateOnly(2025, 5, 31), after.Snapshot.ReportedAsOf);
            }

            await using var second = await KejiCluster.StartAsync(Start.AddDays(1), path);
            var detail = await second.Client.GetGrain<ITargetGrain>(key).GetDetailAsync();
            Assert.Equal(5.0, detail.Snapshot.Actual);
            Assert.Equal(("已退回", true, false, "市科技局办公室", "与团队认定文件不符，请核对后重报"),
                (detail.History[2].Quality, detail.History[2].Rejected, detail.History[2].PendingReview, detail.History[2].ReviewedBy, detail.History[2].ReviewNote));
            var notMarked = await second.Client.GetGrain<ITargetGrain>(key).RejectReviewAsync("rj-05", "市科技局办公室", "误点");
            Assert.Equal("reportId", notMarked.Field);
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task Confirm_WhenDropAwaitsReview_NoLagAlertUntilConfirmedThenItOpensAtOnce()
    {
        var path = KejiCluster.NewDatabasePath();
        try
        {
            await using var keji = await KejiCluster.StartAsync(Start, path);
            var key = GrainKeys.Target("talent-teams", "360781");
            var grain = keji.Client.GetGrain<ITargetGrain>(key);
            var alerts = keji.Client.GetGrain<IAlertsGrain>(key);
            await grain.SubmitAllAsync([Reports.Count("rj-03", "2025-03-31", 3), Reports.Count("rj-05", "2025-05-31", 5), Reports.Count("rj-06", "2025-06-30", 6)]);

            // a correction to 1 (−4 against 31 May, more than 10% of 12): 5 whole teams are due by 30 June, 4 behind is
            // 33 pp, red, but 待核实. Green → red crosses two bands, so the 14-day dwell time does not hold the green
            // (a correction to 2 would be 25 pp, yellow, and held green for 14 days by the dwell rule).
            var result = await grain.SubmitAsync(Reports.Count("rj-06-fix", "2025-06-30", 1, correction: true));
            Assert.Equal(("red", true), (result.Snapshot.Light, result.Snapshot.PendingReview));
            await grain.JudgeAsync();
            keji.Time.Advance(TimeSpan.FromDays(3)); // longer than the pending period: still nothing may open
            await grain.JudgeAsync();
            await Barrier(alerts);
            Assert.Empty(await alerts.GetAsync());

            var confirmed = await grain.ConfirmReviewAsync("rj-06-fix", "市科技局办公室", null);

            Assert.False(confirmed.Detail!.Snapshot.PendingReview);
            var opened = await Eventually.Until(() => alerts.GetAsync(), a => a.Any(x => x.Rule == "behind"));
            Assert.Equal(("red", "open"), (opened.Single(x => x.Rule == "behind").Severity, opened.Single(x => x.Rule == "behind").State));
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task Submit_WhenCorrectionReplacesAJump_SettlesTheMarkAndConfirmIsRefused()
    {
        var path = KejiCluster.NewDatabasePath();
        try
        {
            await using var keji = await KejiCluster.StartAsync(Start, path);
            var grain = keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target("talent-teams", "360783"));
            await grain.SubmitAllAsync([Reports.Count("s-03", "2025-03-31", 3), Reports.Count("s-05", "2025-05-31", 5), Reports.Count("s-06", "2025-06-30", 50)]);

            var fixedUp = await grain.SubmitAsync(Reports.Count("s-06-fix", "2025-06-30", 6, correction: true, note: "多录一位"));

            Assert.Equal((false, 0), (fixedUp.Snapshot.PendingReview, fixedUp.Snapshot.PendingReviews));
            var history = (await grain.GetDetailAsync()).History;
            Assert.Equal([("s-06", "已更正", "s-06-fix"), ("s-06-fix", null, null)],
                history.Skip(2).Select(h => (h.ReportId, h.Quality, h.SettledBy)));
            var refused = await grain.ConfirmReviewAsync("s-06", "市科技局办公室", null);
            Assert.Equal(("reportId", false), (refused.Field, refused.NotFound));
            Assert.True((await grain.ConfirmReviewAsync("nope", "市科技局办公室", null)).NotFound);
            Assert.Equal("reportId", (await grain.ConfirmReviewAsync("s-03", "市科技局办公室", null)).Field);
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }

    /// <summary>Waits until the alerts grain has handled every observation sent before: a non-interleaving call queues
    /// behind them (closing an alert that does not exist changes nothing).</summary>
    private static async Task Barrier(IAlertsGrain alerts) =>
        Assert.True((await alerts.CloseAsync("none", "test", null)).NotFound);
}
