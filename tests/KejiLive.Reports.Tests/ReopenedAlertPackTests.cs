using KejiLive.Domain.Calendar;
using KejiLive.Domain.Weekly;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Alerts;

namespace KejiLive.Reports.Tests;

/// <summary>A 督办 the city office closed and then reopened is live again for the weekly pack (and every other reader of
/// the alert index): open, with no end time, live now; its close is kept in its history. The closed alert stays with
/// its grain after the next judgement, so it can still be reopened then.</summary>
public sealed class ReopenedAlertPackTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "keji-reopen-" + Guid.NewGuid().ToString("N"));
    private PackCluster _keji = null!;
    private static readonly DateTimeOffset Now = ShanghaiTime.StartOf(new DateOnly(2025, 7, 9)).AddHours(10);

    public async Task InitializeAsync() => _keji = await PackCluster.StartAsync(Now, Path.Combine(_dir, "keji.db"));

    public async Task DisposeAsync()
    {
        await _keji.DisposeAsync();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ReopenedAfterAJudgement_CountsAsOpenAgainInThePack()
    {
        var key = GrainKeys.Target("talent-teams", "360704");
        var alerts = _keji.Client.GetGrain<IAlertsGrain>(key);
        await SubmitAsync(key, "reopen-1", 0);
        var open = (await alerts.GetAsync()).Single(a => a.Rule == "behind");
        var closed = await alerts.CloseAsync(open.Id, "市科技局办公室", "已约谈");
        Assert.Equal("closed", closed.Alert!.State);
        // A later judgement drops the closed alert from its track; it is kept for reopening.
        _keji.Time.Advance(TimeSpan.FromHours(1));
        await SubmitAsync(key, "reopen-2", 0);
        Assert.Contains(await alerts.GetAsync(), a => a.Id == open.Id && a.State == "closed");

        var reopened = await alerts.ReopenAsync(open.Id, "市科技局管理员", "销号有误");
        // The index hears of the change one-way: wait (bounded) until it holds the reopened alert.
        var index = _keji.Client.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(PackCluster.Plan.Id));
        for (var deadline = Environment.TickCount64 + 10_000; ; await Task.Delay(20))
        {
            if ((await index.QueryAsync("360704", null)).Any(a => a.Id == open.Id && a.History.Length == reopened.Alert!.History.Length)) break;
            Assert.True(Environment.TickCount64 < deadline, "the alert index did not hear of the reopen in 10 s");
        }
        var pack = await new AlertIndexPackSource(_keji.Client).GetAlertsAsync(PackCluster.Plan, _keji.Time.GetUtcNow(), CancellationToken.None);

        Assert.Equal("open", reopened.Alert!.State);
        var alert = pack.Single(a => a.Id == open.Id);
        Assert.Equal((PackAlertState.Open, (DateTimeOffset?)null), (alert.State, alert.ClosedAt));
        Assert.True(alert.IsLiveAt(_keji.Time.GetUtcNow()));
        // As people read it in the pack, not the API's codes (behind, yellow).
        Assert.Equal("落后序时进度", alert.Rule);
        Assert.Contains(alert.Severity, new[] { "黄", "红" });
        Assert.Equal(["opened", "closed", "reopened"], reopened.Alert.History.Select(c => c.Transition).Where(t => t is "opened" or "closed" or "reopened"));
    }

    private async Task SubmitAsync(string key, string reportId, double value)
    {
        await _keji.Client.GetGrain<ITargetGrain>(key).SubmitAsync(new ReportSubmission
        {
            ReportId = reportId, AsOf = new DateOnly(2025, 7, 8), Value = value, SubmittedBy = "test", Source = "127.0.0.1",
        });
        // The 督办 follow a report one-way, held back up to the publisher's window (longer while the start's sweep keeps it
        // busy): a call on the alerts grain alone can arrive first. Wait until the alerts grains and the index agree.
        await _keji.SettleAlertsAsync();
    }
}
