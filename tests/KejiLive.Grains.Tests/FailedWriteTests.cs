using System.Text.Json;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Security;

namespace KejiLive.Grains.Tests;

/// <summary>Write-then-apply on the real grains over the real SQLite storage with writes that fail on demand: after a
/// failed write the grain answers exactly as before it, and the same call succeeds once the storage does.</summary>
public sealed class FailedWriteTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2025, 7, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly StorageFaults _faults = new();
    private KejiCluster _keji = null!;

    public async Task InitializeAsync() => _keji = await KejiCluster.StartAsync(Start, faults: _faults);

    public async Task DisposeAsync()
    {
        await _keji.DisposeAsync();
        KejiCluster.DeleteDatabase(_keji.DatabasePath);
    }

    [Fact]
    public async Task TokenRevoke_WhenTheWriteFails_TokenStaysValid_AndARetryRevokes()
    {
        var tokens = _keji.Client.GetGrain<ITokenGrain>(ITokenGrain.Key);
        var created = await tokens.CreateAsync("章贡区 填报员", "unit", "360702", 30, "admin");
        var (id, secret) = Split(created.Secret);
        var before = Json(await tokens.ListAsync());

        _faults.Arm("tokens");
        await Assert.ThrowsAnyAsync<Exception>(() => tokens.RevokeAsync(id, "管理员"));
        _faults.Disarm();

        Assert.Equal(1, _faults.Refused);
        Assert.Equal(before, Json(await tokens.ListAsync()));
        Assert.NotNull(await tokens.ValidateAsync(id, secret));
        Assert.Equal("管理员", (await tokens.RevokeAsync(id, "管理员"))?.RevokedBy);
        Assert.Null(await tokens.ValidateAsync(id, secret));
    }

    [Fact]
    public async Task Silences_WhenTheWriteFails_ListAndNumberingStayAsBefore_AndARetryStores()
    {
        var silences = _keji.Client.GetGrain<ISilenceGrain>(GrainKeys.Plan(KejiCluster.Plan.Id) + "-faults");
        var first = (await silences.AddAsync(Silence("线路检修"))).Silence!;

        _faults.Arm("silences");
        await Assert.ThrowsAnyAsync<Exception>(() => silences.AddAsync(Silence("第二条")));
        await Assert.ThrowsAnyAsync<Exception>(() => silences.RemoveAsync(first.Id));
        _faults.Disarm();

        Assert.Equal(2, _faults.Refused);
        Assert.Equal(Json(new[] { first }), Json(await silences.ListAsync()));
        var second = (await silences.AddAsync(Silence("第二条"))).Silence!;
        Assert.Equal(("s1", "s2"), (first.Id, second.Id));
        Assert.True(await silences.RemoveAsync(first.Id));
        Assert.Equal(["s2"], (await silences.ListAsync()).Select(s => s.Id));
    }

    [Fact]
    public async Task AlertAcknowledge_WhenTheWriteFails_AlertStaysOpen_AndARetryAcknowledges()
    {
        var key = GrainKeys.Target("talent-teams", "360781");
        var target = _keji.Client.GetGrain<ITargetGrain>(key);
        var alerts = _keji.Client.GetGrain<IAlertsGrain>(key);
        await target.SubmitAsync(Reports.Count("fw-05", "2025-05-31", 1));
        var open = (await Eventually.Until(async () =>
        {
            await target.JudgeAsync();
            return await alerts.GetAsync();
        }, a => a.Any(x => x.State == "open"))).First(x => x.State == "open");
        var before = Json(await alerts.GetAsync());

        _faults.Arm("alerts", "360781");
        await Assert.ThrowsAnyAsync<Exception>(() => alerts.AcknowledgeAsync(open.Id, "章贡区", "加快进度", new DateOnly(2025, 7, 31)));
        _faults.Disarm();

        Assert.True(_faults.Refused >= 1);
        Assert.Equal(before, Json(await alerts.GetAsync()));
        var acknowledged = await alerts.AcknowledgeAsync(open.Id, "章贡区", "加快进度", new DateOnly(2025, 7, 31));
        Assert.Equal(("acknowledged", "加快进度"), (acknowledged.Alert?.State, acknowledged.Alert?.Remedy));
    }

    private static SilenceView Silence(string reason) => new()
    {
        Id = "", CreatedBy = "管理员", Reason = reason, From = Start, Until = Start.AddDays(2), Unit = "360702",
    };

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static (string Id, string Secret) Split(string token)
    {
        Assert.True(KejiLive.Domain.Security.ApiTokens.TryParse(token, out var id, out var secret));
        return (id, secret);
    }
}
