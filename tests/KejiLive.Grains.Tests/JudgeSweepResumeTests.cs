using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.State;
using KejiLive.Storage.Sqlite;

namespace KejiLive.Grains.Tests;

/// <summary>A judging sweep a crash interrupted goes on from its stored position when the silo starts again, and a stored
/// sweep over another plan, or begun on an earlier day, is not resumed but begun anew.</summary>
public sealed class JudgeSweepResumeTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset CrashedSweepStart = new(2025, 4, 2, 0, 0, 1, Shanghai);

    [Theory]
    [InlineData(true, 100, true)]
    [InlineData(true, 0, true)]
    [InlineData(false, 100, false)]
    [InlineData(true, 100, false)]
    public async Task Sweep_WhenStoppedMidWay_ResumesOnlyOverTheSamePlanTheSameDay(bool samePlan, int done, bool sameDay)
    {
        var path = KejiCluster.NewDatabasePath();
        try
        {
            var pairs = JudgeSweep.Pairs(KejiCluster.Plan);
            GrainId schedulerId;
            await using (var first = await KejiCluster.StartAsync(new DateTimeOffset(2025, 3, 31, 9, 0, 0, Shanghai), path))
            {
                schedulerId = first.Client.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(KejiCluster.Plan.Id)).GetGrainId();
            }
            // What a silo killed in the middle of the sweep begun at CrashedSweepStart left behind.
            var fingerprint = samePlan ? JudgeSweep.Fingerprint(pairs) : JudgeSweep.Fingerprint([.. pairs.Reverse()]);
            await PlantAsync(path, schedulerId, new JudgeSchedulerState
            {
                PlanFingerprint = fingerprint, Total = pairs.Length, Done = done, StartedAt = CrashedSweepStart,
            });

            await using var second = await KejiCluster.StartAsync(new DateTimeOffset(2025, 4, sameDay ? 2 : 3, 9, 0, 0, Shanghai), path);
            var scheduler = second.Client.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(KejiCluster.Plan.Id));
            var last = await scheduler.GetLastAsync();

            Assert.NotNull(last);
            Assert.Equal(pairs.Length, last.TargetUnits);
            Assert.Equal(samePlan && sameDay ? CrashedSweepStart : second.Time.GetUtcNow(), last.SweepStartedAt);
            Assert.False((await scheduler.GetProgressAsync()).Running);
            // Judged whatever the sweep's history: every tech-smes unit has a judged snapshot with the 30% due by 31 March,
            // and, nobody having reported, a grey light (issue 17: no report is nothing to judge, not zero progress).
            // The sweep's judgements reach the city by one-way, batched calls: wait until every unit's is there.
            var city = await Eventually.Until(() => second.Client.GetGrain<ICityTargetGrain>("tech-smes").GetAsync(),
                c => c.Units.All(u => u.ScheduleRate >= 0.3 - 1e-9));
            Assert.Equal(KejiCluster.Plan.FindTarget("tech-smes")!.Assignments.Length, city.Units.Length);
            Assert.All(city.Units, u => Assert.Equal(("grey", true, true), (u.Light, u.ScheduleRate >= 0.3 - 1e-9, u.NotReported)));
            await second.StopAsync();
            Assert.Null((await ReadAsync(path, schedulerId)).PlanFingerprint);
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }

    private static async Task PlantAsync(string path, GrainId id, JudgeSchedulerState planted)
    {
        await using var storage = await OpenAsync(path);
        var state = new GrainState<JudgeSchedulerState>();
        await storage.ReadStateAsync("judge-scheduler", id, state);
        state.State = planted;
        await storage.WriteStateAsync("judge-scheduler", id, state);
    }

    private static async Task<JudgeSchedulerState> ReadAsync(string path, GrainId id)
    {
        await using var storage = await OpenAsync(path);
        var state = new GrainState<JudgeSchedulerState>();
        await storage.ReadStateAsync("judge-scheduler", id, state);
        return state.State ?? new JudgeSchedulerState();
    }

    private static async Task<SqliteGrainStorage> OpenAsync(string path)
    {
        var storage = new SqliteGrainStorage(StorageNames.Keji, new SqliteGrainStorageOptions { DatabasePath = path });
        await storage.StartAsync();
        return storage;
    }
}
