using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using Microsoft.Extensions.DependencyInjection;

namespace KejiLive.Grains.Tests;

/// <summary>The time-driven grains hold an Orleans reminder, so a cluster re-activates them on a surviving silo; a wake of
/// a grain whose timers run changes nothing.</summary>
public sealed class WakeReminderTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task Start_RegistersTheJudgeSchedulersWakeReminder_AndAWakeWhileRunningChangesNothing()
    {
        var path = KejiCluster.NewDatabasePath();
        try
        {
            await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 7, 1, 9, 0, 0, Shanghai), path);
            var judge = keji.Client.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(KejiCluster.Plan.Id));
            var table = keji.Cluster.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();

            var entry = await table.ReadRow(judge.GetGrainId(), WakeReminder.Name);
            Assert.True(entry is not null, $"no {WakeReminder.Name} reminder for {judge.GetGrainId()}");
            Assert.Equal(WakeReminder.Period, entry.Period);

            var before = await judge.GetLastAsync();
            Assert.NotNull(before);
            await keji.Client.GetGrain<IRemindable>(judge.GetGrainId()).ReceiveReminder(WakeReminder.Name, new TickStatus(DateTime.UtcNow, WakeReminder.Period, DateTime.UtcNow));
            Assert.Equal(before, await judge.GetLastAsync());
            Assert.False((await judge.GetProgressAsync()).Running);
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }
}
