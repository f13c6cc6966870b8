using System.Text.Json;
using KejiLive.Domain.Calendar;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Reports;
using KejiLive.Grains.Tests;

namespace KejiLive.Reports.Tests;

/// <summary>Write-then-apply in the weekly pack grains over SQLite with writes that fail on demand: after a failed write
/// the grain serves what it served before, and the same call succeeds once the storage does.</summary>
public sealed class PackFailedWriteTests : IAsyncLifetime
{
    private readonly StorageFaults _faults = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "keji-pack-faults-" + Guid.NewGuid().ToString("N"));
    private PackCluster _keji = null!;

    public async Task InitializeAsync() =>
        _keji = await PackCluster.StartAsync(ShanghaiTime.StartOf(new DateOnly(2025, 7, 8)).AddHours(9), Path.Combine(_dir, "keji.db"), _faults);

    public async Task DisposeAsync()
    {
        await _keji.DisposeAsync();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task PackGenerate_WhenTheWriteFails_ServesTheVersionBefore_AndARetryMakesTheNext()
    {
        var pack = _keji.Client.GetGrain<IWeeklyPackGrain>("2025-W27");
        var first = await pack.GenerateAsync();
        var html = await pack.GetHtmlAsync();

        _faults.Arm("weekly-pack");
        await Assert.ThrowsAnyAsync<Exception>(() => pack.GenerateAsync());
        _faults.Disarm();

        Assert.Equal(1, _faults.Refused);
        Assert.Equal(Json(first), Json(await pack.GetAsync()));
        Assert.Equal([1], (await pack.GetVersionsAsync()).Select(v => v.Version));
        Assert.Equal(html, await pack.GetHtmlAsync());
        Assert.Equal(2, (await pack.GenerateAsync()).Version);
        Assert.Equal([1, 2], (await pack.GetVersionsAsync()).Select(v => v.Version));
    }

    [Fact]
    public async Task SchedulerRecord_WhenTheWriteFails_ListStaysAsBefore_AndARetryRecords()
    {
        var scheduler = _keji.Client.GetGrain<IWeeklyPackSchedulerGrain>(GrainKeys.Plan(PackCluster.Plan.Id));
        var before = Json(await scheduler.GetPacksAsync());
        var made = Summary("2025-W20", 3);

        // RecordAsync is one-way: wait until its write was refused; the grain is not reentrant, so the next call
        // sees what the failed one left.
        _faults.Arm("pack-scheduler");
        await scheduler.RecordAsync(made);
        await Eventually.Until(() => Task.FromResult(_faults.Refused), refused => refused == 1);
        var after = Json(await scheduler.GetPacksAsync());
        _faults.Disarm();

        Assert.Equal(before, after);
        await scheduler.RecordAsync(made);
        await Eventually.Until(() => scheduler.GetPacksAsync(), packs => packs.Any(p => p.Week == "2025-W20" && p.Version == 3));
    }

    private static PackSummary Summary(string week, int version) => new()
    {
        Week = week, Version = version, GeneratedAt = ShanghaiTime.StartOf(new DateOnly(2025, 5, 19)), Final = true,
        HtmlPath = "/reports/" + week, XlsxPath = "/api/reports/weekly/" + week + ".xlsx",
    };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
