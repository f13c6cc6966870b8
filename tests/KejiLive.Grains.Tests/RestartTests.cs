using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;

namespace KejiLive.Grains.Tests;

/// <summary>State outlives the silo: reports and judged lights are read back from the SQLite file after a restart,
/// and the restarted silo judges the whole plan before anyone reports.</summary>
public sealed class RestartTests
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Fact]
    public async Task Restart_WhenSiloStopsAndStartsOnSameFile_ReportsAndHistoryRemain()
    {
        var path = KejiCluster.NewDatabasePath();
        try
        {
            var key = GrainKeys.Target("talent-teams", "360702");
            await using (var first = await KejiCluster.StartAsync(new DateTimeOffset(2025, 7, 1, 9, 0, 0, Shanghai), path))
            {
                var grain = first.Client.GetGrain<ITargetGrain>(key);
                await grain.SubmitAsync(Reports.Count("rs-1", "2025-05-31", 8, note: "五月"));
                await grain.SubmitAsync(Reports.Count("rs-2", "2025-06-30", 12));
            }

            await using var second = await KejiCluster.StartAsync(new DateTimeOffset(2025, 7, 2, 9, 0, 0, Shanghai), path);
            var detail = await second.Client.GetGrain<ITargetGrain>(key).GetDetailAsync();

            Assert.Equal(12, detail.Snapshot.Actual);
            Assert.Equal([("rs-1", 8.0, "五月"), ("rs-2", 12.0, null)], detail.History.Select(h => (h.ReportId, h.Value, h.Note)));
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }

    [Fact]
    public async Task Restart_WhenDaysPassedWhileDown_JudgesEverythingAtStartWithoutAReport()
    {
        var path = KejiCluster.NewDatabasePath();
        try
        {
            await using (var first = await KejiCluster.StartAsync(new DateTimeOffset(2025, 1, 20, 9, 0, 0, Shanghai), path))
            {
                var city = await first.Client.GetGrain<ICityTargetGrain>("tech-smes").GetAsync();
                Assert.Equal("grey", city.Units.Single(u => u.Unit == "360726").Light);
            }

            // Down until April: tech-smes expects 30% by 31 March, nobody reported → red as soon as the silo is up.
            await using var second = await KejiCluster.StartAsync(new DateTimeOffset(2025, 4, 2, 9, 0, 0, Shanghai), path);
            var scheduler = await second.Client.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(KejiCluster.Plan.Id)).GetLastAsync();
            var after = await second.Client.GetGrain<ICityTargetGrain>("tech-smes").GetAsync();

            Assert.NotNull(scheduler);
            Assert.Equal(KejiCluster.Plan.Targets.Sum(t => t.Assignments.Length), scheduler.TargetUnits);
            Assert.Equal("red", after.Units.Single(u => u.Unit == "360726").Light);
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }
}
