using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;

namespace KejiLive.Grains.Tests;

/// <summary>Issue 17's inhibition through the grains: when most units of a target miss the same quarter's figure, the
/// city target shows one notice and its units are not flagged 未报送 one by one; once most have reported, the few still
/// missing it are 未报送 again.</summary>
public sealed class LateReleaseGrainTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private const string Target = "project-applications"; // growth, quarterly, 20 units; Q3 (released 15 Oct, + 5 grace days) is overdue from 21 Oct

    [Fact]
    public async Task CityTarget_WhenMostUnitsMissTheQuarter_OneNoticeAndNoUnitFlagged_ThenFlaggedOnceMostReport()
    {
        await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 10, 4, 20, 0, 0, Shanghai));
        try
        {
            var units = KejiCluster.Plan.FindTarget(Target)!.Assignments.Select(a => a.UnitId).ToList();
            for (var i = 0; i < units.Count; i++)
            {
                var grain = keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target(Target, units[i]));
                await grain.SubmitAsync(Reports.Count($"lr-q2-{i}", "2025-06-30", 10));
                // Four units have the Q3 figure already.
                if (i < 4) await grain.SubmitAsync(Reports.Count($"lr-q3-{i}", "2025-09-30", 15));
            }
            var city = keji.Client.GetGrain<ICityTargetGrain>(Target);
            Assert.Null((await city.GetAsync()).LateRelease);

            // 7 Oct: Q3 is not released before 15 Oct, so nobody misses it yet: no notice, no unit flagged (the old
            // 92 + 5 day rule showed a late-release notice here).
            await JumpAsync(keji, new DateTimeOffset(2025, 10, 7, 0, 30, 0, Shanghai));
            var early = await Eventually.Until(city.GetAsync,
                c => c.Units.All(u => u.ReportedAsOf is not null && u.JudgedAt >= new DateTimeOffset(2025, 10, 7, 0, 0, 0, Shanghai)));
            Assert.Null(early.LateRelease);
            Assert.All(early.Units, u => Assert.False(u.NotReported));

            // 21 Oct: 16 of 20 units would be 未报送 for Q3: one notice, no unit flagged.
            await JumpAsync(keji, new DateTimeOffset(2025, 10, 21, 0, 30, 0, Shanghai));
            // The notice reaches the units on their next judgement: wait for the last unit's note too.
            var late = await Eventually.Until(city.GetAsync, c => c.LateRelease is not null && c.Units.All(u => !u.NotReported)
                && c.Units.Single(u => u.Unit == units[^1]).Explanation?.Contains("第三季度统计数据尚未发布", StringComparison.Ordinal) == true);
            Assert.Equal((new DateOnly(2025, 9, 30), new DateOnly(2025, 10, 15), 16, 20),
                (late.LateRelease!.PeriodEnd, late.LateRelease.Release, late.LateRelease.Missing, late.LateRelease.Units));
            Assert.StartsWith("第三季度统计数据尚未发布：已过10月15日发布日6天（宽限5天），20个报送单位中16个尚未报送", late.LateRelease.Message);
            // The city's sentence says why its light is what it is (项 are owed whole), then the one notice.
            Assert.StartsWith("按各单位应完成的整项合计", late.City.Explanation);
            Assert.EndsWith(late.LateRelease.Message, late.City.Explanation);
            Assert.Contains("第三季度统计数据尚未发布", late.Units.Single(u => u.Unit == units[^1]).Explanation);

            // Eight more report Q3: 8 of 20 missing is not most; those 8 are late on their own and flagged.
            for (var i = 4; i < 12; i++)
            {
                await keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target(Target, units[i])).SubmitAsync(Reports.Count($"lr-q3-{i}", "2025-09-30", 15));
            }
            var after = await Eventually.Until(city.GetAsync, c => c.LateRelease is null && c.Units.Count(u => u.NotReported) == 8);
            Assert.All(after.Units.Where(u => u.NotReported), u => Assert.Equal(new DateOnly(2025, 6, 30), u.ReportedAsOf));
            Assert.DoesNotContain("尚未发布", after.City.Explanation);
        }
        finally
        {
            KejiCluster.DeleteDatabase(keji.DatabasePath);
        }
    }

    /// <summary>Moves the fake clock to <paramref name="to"/> and waits for the scheduler's judgement there.</summary>
    private static async Task JumpAsync(KejiCluster keji, DateTimeOffset to)
    {
        var scheduler = keji.Client.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(KejiCluster.Plan.Id));
        keji.Time.Advance(to - keji.Time.GetUtcNow());
        await Eventually.Until(scheduler.GetLastAsync, s => s!.JudgedAt >= to);
    }
}
