using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains.Tests;

/// <summary>Time passing alone moves 序时进度: the scheduler's timer re-judges every target, so a unit that never
/// reports turns yellow, then red, on the right day, and 未报送 appears once its cycle has passed.</summary>
public sealed class TimeJudgingTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task Scheduler_WhenMidnightPassesWithoutReports_TurnsTheLightOnThatDay()
    {
        // tech-smes curve: linear from 0 on 1 Jan to 30% on 31 Mar, so by day d the share is 0.3·d/90.
        // 10 pp behind (yellow) is reached on day 30 = 30 January; 瑞金市 never reports.
        await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 1, 29, 20, 0, 0, Shanghai));
        try
        {
            var city = keji.Client.GetGrain<ICityTargetGrain>("tech-smes");
            Assert.Equal("grey", Unit(await city.GetAsync(), "360781").Light);

            await AdvanceUntilAsync(keji, new DateTimeOffset(2025, 1, 30, 0, 30, 0, Shanghai));

            var after = Unit(await city.GetAsync(), "360781");
            Assert.Equal("yellow", after.Light);
            Assert.Equal(new DateOnly(2025, 1, 30), Domain.Calendar.ShanghaiTime.DateOf(after.JudgedAt));
            Assert.Equal(-10, after.GapPoints, 9);
        }
        finally
        {
            KejiCluster.DeleteDatabase(keji.DatabasePath);
        }
    }

    [Fact]
    public async Task Scheduler_WhenReportingCyclePasses_FlagsNotReportedBesideTheLight()
    {
        // Monthly cycle + 5 grace days: with no report since the year began, 未报送 from day 37 (6 February).
        await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 2, 5, 22, 0, 0, Shanghai));
        try
        {
            var unit = keji.Client.GetGrain<IUnitGrain>("360735");
            var before = (await unit.GetScorecardAsync()).Targets.Single(t => t.Target == "talent-teams");
            Assert.False(before.NotReported);

            await AdvanceUntilAsync(keji, new DateTimeOffset(2025, 2, 6, 0, 30, 0, Shanghai));

            var after = (await unit.GetScorecardAsync()).Targets.Single(t => t.Target == "talent-teams");
            Assert.True(after.NotReported);
        }
        finally
        {
            KejiCluster.DeleteDatabase(keji.DatabasePath);
        }
    }

    [Fact]
    public async Task StepCurve_WhenBatchDateArrives_JudgesOnlyFromThatDay()
    {
        // 高企 are certified in batches: nothing is expected before 30 September, so all summer the light is grey, not red.
        await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 9, 29, 23, 0, 0, Shanghai));
        try
        {
            // Read what the judgements pushed (the city view), not a snapshot evaluated at read time: only the
            // scheduler's run after midnight can turn it red.
            var city = keji.Client.GetGrain<ICityTargetGrain>("hi-tech-enterprises");
            var summer = Unit(await city.GetAsync(), "360724");
            Assert.Equal(("grey", 0.0), (summer.Light, summer.Expected));

            await AdvanceUntilAsync(keji, new DateTimeOffset(2025, 9, 30, 0, 30, 0, Shanghai));

            var batch = Unit(await city.GetAsync(), "360724");
            Assert.Equal(0.3, batch.ScheduleRate, 9);
            Assert.Equal("red", batch.Light);
            Assert.Equal(new DateOnly(2025, 9, 30), Domain.Calendar.ShanghaiTime.DateOf(batch.JudgedAt));
        }
        finally
        {
            KejiCluster.DeleteDatabase(keji.DatabasePath);
        }
    }

    private static TargetSnapshot Unit(CitySnapshot city, string unit) => city.Units.Single(u => u.Unit == unit);

    /// <summary>Moves the fake clock an hour (or less) at a time and waits for the scheduler's judgement at each step,
    /// as a real clock would let it.</summary>
    private static async Task AdvanceUntilAsync(KejiCluster keji, DateTimeOffset until)
    {
        var scheduler = keji.Client.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(KejiCluster.Plan.Id));
        while (keji.Time.GetUtcNow() < until)
        {
            var last = await scheduler.GetLastAsync() ?? throw new InvalidOperationException("The plan was not judged at start.");
            var next = last.NextJudgeAt!.Value;
            keji.Time.Advance(next - keji.Time.GetUtcNow());
            await Eventually.Until(scheduler.GetLastAsync, s => s!.JudgedAt >= next);
        }
    }
}
