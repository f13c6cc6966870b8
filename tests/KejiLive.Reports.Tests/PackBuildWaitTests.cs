using KejiLive.Domain.Calendar;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Reports;

namespace KejiLive.Reports.Tests;

/// <summary>A pack that takes longer to build than a page waits (a large plan takes minutes): the page is answered
/// without it (null: 正在生成) and the one build goes on; a preview being rebuilt is answered with the preview it
/// replaces. Here the wait is zero (<c>Reports:BuildWait</c>), so every build is longer than the wait.</summary>
public sealed class PackBuildWaitTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "keji-buildwait-" + Guid.NewGuid().ToString("N"));
    private PackCluster _keji = null!;

    // Wednesday 2025-07-09 10:00: week 2025-W28 is running.
    public async Task InitializeAsync()
    {
        _keji = await PackCluster.StartAsync(ShanghaiTime.StartOf(new DateOnly(2025, 7, 9)).AddHours(10), Path.Combine(_dir, "keji.db"),
            settings: new Dictionary<string, string?> { ["Reports:BuildWait"] = "00:00:00" });
        // The start's sweep opens 督办 one-way, after DeployAsync returns: a pack built before they reach the index is
        // rebuilt when they do, which is not what the versions below are about.
        await _keji.SettleAlertsAsync();
    }

    public async Task DisposeAsync()
    {
        await _keji.DisposeAsync();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task FirstPack_NotBuiltWithinTheWait_IsNull_ThenTheOneBuildIsServed()
    {
        var pack = _keji.Client.GetGrain<IWeeklyPackGrain>("2025-W28");
        Assert.Null(await pack.GetHtmlAsync());
        Assert.Null(await pack.GetChartAsync("ranking"));

        var built = await pack.GetAsync(); // waits for the build under way rather than starting another
        Assert.Equal(1, built.Version);
        var html = await pack.GetHtmlAsync();
        Assert.NotNull(html);
        Assert.Contains("周调度材料", html, StringComparison.Ordinal);
        Assert.NotNull(await pack.GetXlsxAsync());
        Assert.NotNull(await pack.GetChartAsync("ranking"));
        Assert.Equal([1], (await pack.GetVersionsAsync()).Select(v => v.Version));
    }

    [Fact]
    public async Task Preview_BeingRebuilt_IsAnsweredWithThePreviewItReplaces_ThenTheNewOne()
    {
        var pack = _keji.Client.GetGrain<IWeeklyPackGrain>("2025-W28");
        var first = await pack.GetAsync();
        var before = await pack.GetHtmlAsync();

        await _keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target("talent-teams", "360704")).SubmitAsync(new ReportSubmission
        {
            ReportId = "buildwait-1", AsOf = new DateOnly(2025, 7, 8), Value = 9, SubmittedBy = "test", Source = "127.0.0.1",
        });
        // Its 督办 follow it one-way, twice (publisher window, then alerts grain → index): wait until the index holds them
        // (as in PackPreviewTests), so one rebuild sees the report and its 督办 together.
        await _keji.SettleAlertsAsync();

        Assert.Equal(before, await pack.GetHtmlAsync()); // the rebuild has started, the old preview answers
        var rebuilt = await pack.GetAsync();
        Assert.Equal(first.Version + 1, rebuilt.Version);
        Assert.NotEqual(before, await pack.GetHtmlAsync());
    }
}
