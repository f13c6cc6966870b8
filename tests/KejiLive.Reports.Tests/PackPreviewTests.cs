using KejiLive.Domain.Calendar;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Reports;
using KejiLive.Grains.Reports;
using KejiLive.Grains.Tests;

namespace KejiLive.Reports.Tests;

/// <summary>The preview of a running week is rebuilt when what it is made of changes, not as plan time passes; the list
/// of versions keeps the newest <see cref="WeeklyPackGrain.VersionsToKeep"/>.</summary>
public sealed class PackPreviewTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "keji-preview-" + Guid.NewGuid().ToString("N"));
    private PackCluster _keji = null!;

    // Wednesday 2025-07-09 10:00: week 2025-W28 is running.
    public async Task InitializeAsync()
    {
        _keji = await PackCluster.StartAsync(ShanghaiTime.StartOf(new DateOnly(2025, 7, 9)).AddHours(10), Path.Combine(_dir, "keji.db"));
        // The start's sweep opens 督办 one-way, after DeployAsync returns: a preview built before they reach the index is
        // rebuilt when they do, which is not what the versions below are about.
        await _keji.SettleAlertsAsync();
    }

    public async Task DisposeAsync()
    {
        await _keji.DisposeAsync();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Preview_WhenOnlyPlanTimePasses_IsNotRebuilt_AndAReportRebuildsItOnce()
    {
        var pack = _keji.Client.GetGrain<IWeeklyPackGrain>("2025-W28");
        var first = await pack.GetAsync();
        _keji.Time.Advance(TimeSpan.FromHours(3)); // many former 10-minute lifetimes, the same day
        // Let the judging the clock made due run and its 督办 settle: what it changes is what the pack is made of.
        var advanced = _keji.Time.GetUtcNow();
        await Eventually.Until(() => _keji.Client.GetGrain<IJudgeSchedulerGrain>(GrainKeys.Plan(PackCluster.Plan.Id)).GetLastAsync(), l => l!.JudgedAt >= advanced);
        await _keji.SettleAlertsAsync();
        var later = await pack.GetAsync();

        await _keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target("talent-teams", "360703")).SubmitAsync(new ReportSubmission
        {
            ReportId = "preview-1", AsOf = new DateOnly(2025, 7, 8), Value = 7, SubmittedBy = "test", Source = "127.0.0.1",
        });
        // The report's 督办 follow it one-way (IAlertsGrain.ObserveAsync, held back up to the publisher's window) and reach
        // the index one-way again: wait until the index holds them, so the pack below sees the report and its 督办 together
        // and is rebuilt once for both (a call on the alerts grain alone returned before they were there).
        await _keji.SettleAlertsAsync();
        var changed = await pack.GetAsync();
        var again = await pack.GetAsync();

        Assert.False(first.Final);
        Assert.Equal(first.Version, later.Version);
        Assert.Equal(first.Version + 1, changed.Version);
        Assert.Equal(changed.Version, again.Version);
    }

    [Fact]
    public async Task Versions_KeepOnlyTheNewest()
    {
        var pack = _keji.Client.GetGrain<IWeeklyPackGrain>("2025-W28");
        PackSummary last = null!;
        for (var i = 0; i < WeeklyPackGrain.VersionsToKeep + 2; i++) last = await pack.GenerateAsync();

        var versions = await pack.GetVersionsAsync();

        Assert.Equal(WeeklyPackGrain.VersionsToKeep + 2, last.Version);
        Assert.Equal(Enumerable.Range(3, WeeklyPackGrain.VersionsToKeep), versions.Select(v => v.Version));
    }
}
