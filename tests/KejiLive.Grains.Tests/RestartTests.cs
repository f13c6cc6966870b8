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
            await using (var first = await KejiCluster.StartAsync(new DateTimeOffset(2025, 1, 31, 20, 0, 0, Shanghai), path))
            {
                // 瑞金市 (125 家): 13 by 31 Jan, 12 due → green; then the silo goes down and nobody reports.
                await first.Client.GetGrain<ITargetGrain>(GrainKeys.Target("tech-smes", "360781")).SubmitAsync(Reports.Count("rj-01", "2025-01-31", 13));
                // The city hears of the unit's light by a one-way call: wait for it rather than race it.
                var city = await Eventually.Until(() => first.Client.GetGrain<ICityTargetGrain>("tech-smes").GetAsync(),
                    c => c.Units.Single(u => u.Unit == "360781").Light != "grey");
                Assert.Equal("green", city.Units.Single(u => u.Unit == "360781").Light);
            }

            // Down until 16 April: the January figure is two cycles overdue, so it is read against March's, known since
            // 10 April (37 due, 19.2 pp behind) → yellow as soon as the silo is up, before anyone reports.
            await using var second = await KejiCluster.StartAsync(new DateTimeOffset(2025, 4, 16, 9, 0, 0, Shanghai), path);
            var scheduler = await second.Client.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(KejiCluster.Plan.Id)).GetLastAsync();
            var after = await Eventually.Until(() => second.Client.GetGrain<ICityTargetGrain>("tech-smes").GetAsync(),
                c => Domain.Calendar.ShanghaiTime.DateOf(c.Units.Single(u => u.Unit == "360781").JudgedAt) == new DateOnly(2025, 4, 16));

            Assert.NotNull(scheduler);
            Assert.Equal(KejiCluster.Plan.Targets.Sum(t => t.Assignments.Length), scheduler.TargetUnits);
            var unit = after.Units.Single(u => u.Unit == "360781");
            Assert.Equal(("yellow", new DateOnly(2025, 3, 31), new DateOnly(2025, 4, 16)),
                (unit.Light, unit.ScheduleDate, Domain.Calendar.ShanghaiTime.DateOf(unit.JudgedAt)));
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }
}
