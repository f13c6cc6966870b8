using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KejiLive.Api.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace KejiLive.Api.Tests;

/// <summary>A unit user sees only its own 督办 — in <c>GET /api/alerts</c> (asking for another unit is 403, as the
/// authorization matrix has it), in the hub's snapshots and in its pushed changes — while the city office (admin) and
/// the leaders see every unit's. Pairs used only here: rd-spending-growth × 瑞金市 (360781, the unit user's own),
/// × 龙南市 (360783) and × 赣县区 (360722).</summary>
[Collection(ApiCollection.Name)]
public sealed class AlertScopeTests(KejiApiFactory factory)
{
    private const string Target = "rd-spending-growth";
    private const string Own = "360781";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly HttpClient _admin = factory.CreateClient();

    [Fact]
    public async Task List_AsAUnit_HoldsOnlyItsOwn_AnotherUnitIs403_AdminAndLeaderSeeAll()
    {
        var own = await EnsureOpenAsync(Own);
        var other = await EnsureOpenAsync("360783");
        using var unit = factory.ClientAs(await SecurityApi.CreateTokenAsync(_admin, "unit", Own));
        using var leader = factory.ClientAs(await SecurityApi.CreateTokenAsync(_admin, "leader"));

        var mine = (await unit.GetJsonAsync("/api/alerts")).AsArray();
        // The hub test below answers this same 督办 on the shared system, and xunit may run it first: filter by the state
        // the 督办 is in now (open, or acknowledged once that test ran), not by "open".
        var ownState = (await _admin.GetJsonAsync($"/api/alerts?unit={Own}")).AsArray()
            .Single(a => a!["id"]!.GetValue<string>() == own)!["state"]!.GetValue<string>();
        var mineInState = (await unit.GetJsonAsync($"/api/alerts?unit={Own}&state={ownState}")).AsArray();
        using var refused = await unit.GetAsync("/api/alerts?unit=360783");
        var byLeader = (await leader.GetJsonAsync("/api/alerts")).AsArray();
        var byAdmin = (await _admin.GetJsonAsync("/api/alerts")).AsArray();
        var leaderOther = (await leader.GetJsonAsync("/api/alerts?unit=360783")).AsArray();

        Assert.All(mine, a => Assert.Equal(Own, a!["unit"]!.GetValue<string>()));
        Assert.Contains(mine, a => a!["id"]!.GetValue<string>() == own);
        Assert.Contains(mineInState, a => a!["id"]!.GetValue<string>() == own);
        Assert.All(mineInState, a => Assert.Equal((Own, ownState), (a!["unit"]!.GetValue<string>(), a["state"]!.GetValue<string>())));
        var problem = await refused.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("本单位", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var all in new[] { byLeader, byAdmin })
        {
            Assert.Contains(all, a => a!["id"]!.GetValue<string>() == own);
            Assert.Contains(all, a => a!["id"]!.GetValue<string>() == other);
        }
        Assert.Contains(leaderOther, a => a!["id"]!.GetValue<string>() == other);
    }

    /// <summary>Every refusal for another unit names that unit as a county official knows it (龙南市（360783）), not by its
    /// code alone: a reporter read "360783 不是本单位" or "rd-spending-growth.360783.behind.… 属于单位 360783".</summary>
    [Fact]
    public async Task AnotherUnitsData_AsAUnit_IsRefusedNamingThatUnitByName()
    {
        var other = await EnsureOpenAsync("360783");
        using var unit = factory.ClientAs(await SecurityApi.CreateTokenAsync(_admin, "unit", Own));
        var report = new StringContent(KejiApi.Report(KejiApi.NewId("scope-name"), Target, "360783", 1).ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        var ack = new StringContent("{\"note\":\"整改\",\"promisedBy\":\"2025-09-30\"}", System.Text.Encoding.UTF8, "application/json");
        using var upload = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "x.xlsx" } };

        var answers = new[]
        {
            await unit.GetAsync("/api/alerts?unit=360783"),
            await unit.GetAsync("/api/units/360783/template"),
            await unit.PostAsync("/api/units/360783/upload", upload),
            await unit.PostAsync("/api/reports", report),
            await unit.PostAsync($"/api/alerts/{other}/ack", ack),
        };

        foreach (var answer in answers)
        {
            using (answer)
            {
                var problem = await answer.AssertProblemAsync(HttpStatusCode.Forbidden);
                Assert.Contains("龙南市（360783）", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Hub_AsAUnit_SnapshotsAndChangesCarryOnlyItsOwnAlerts_ALeaderGetsEveryUnits()
    {
        var own = await EnsureOpenAsync(Own);
        var unitChanges = Channel.CreateUnbounded<JsonElement>();
        var leaderChanges = Channel.CreateUnbounded<JsonElement>();
        await using var unitHub = Hub(await SecurityApi.CreateTokenAsync(_admin, "unit", Own), unitChanges);
        await using var leaderHub = Hub(await SecurityApi.CreateTokenAsync(_admin, "leader"), leaderChanges);
        await unitHub.StartAsync();
        await leaderHub.StartAsync();

        var unitWall = await unitHub.InvokeAsync<JsonElement>("WatchWall");
        await leaderHub.InvokeAsync<JsonElement>("WatchWall");
        var otherUnitPage = await unitHub.InvokeAsync<JsonElement>("WatchUnit", "360722");
        var targetPage = await unitHub.InvokeAsync<JsonElement>("WatchTarget", Target);

        Assert.All(unitWall.GetProperty("alerts").EnumerateArray(), a => Assert.Equal(Own, a.GetProperty("unit").GetString()));
        Assert.Contains(unitWall.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("id").GetString() == own);
        Assert.Equal(unitWall.GetProperty("alerts").GetArrayLength(), unitWall.GetProperty("alertCount").GetInt32());
        Assert.Empty(otherUnitPage.GetProperty("alerts").EnumerateArray());
        Assert.All(targetPage.GetProperty("alerts").EnumerateArray(), a => Assert.Equal(Own, a.GetProperty("unit").GetString()));

        // Another unit's new 督办 reaches the leader; then the unit's own change reaches the unit.
        var other = await EnsureOpenAsync("360722");
        await WaitForAlertAsync(leaderChanges, other);
        using var ack = await _admin.PostAsync($"/api/alerts/{own}/ack",
            new StringContent(new JsonObject { ["note"] = "加大研发投入统计辅导", ["promisedBy"] = "2025-09-30" }.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var received = await WaitForAlertAsync(unitChanges, own);

        var wall = received.Where(u => u.GetProperty("group").GetString() == "wall").ToList();
        Assert.All(received.SelectMany(u => u.GetProperty("alerts").EnumerateArray()), a => Assert.Equal(Own, a.GetProperty("unit").GetString()));
        // The unit's wall messages are numbered on from its snapshot without a gap: changes that carried only other
        // units' alerts still reached it (without them).
        var first = unitWall.GetProperty("seq").GetInt64() + 1;
        Assert.Equal(Enumerable.Range(0, wall.Count).Select(i => first + i), wall.Select(u => u.GetProperty("seq").GetInt64()));
    }

    /// <summary>Every change received until one carries <paramref name="id"/>; all of them.</summary>
    private static async Task<List<JsonElement>> WaitForAlertAsync(Channel<JsonElement> changes, string id)
    {
        var seen = new List<JsonElement>();
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var update = await changes.Reader.ReadAsync(timeout.Token);
            seen.Add(update);
            if (update.GetProperty("alerts").EnumerateArray().Any(a => a.GetProperty("id").GetString() == id)) return seen;
        }
    }

    /// <summary>Reports R&amp;D spending far behind for <paramref name="unit"/> and returns its open (or answered) 督办.</summary>
    private async Task<string> EnsureOpenAsync(string unit)
    {
        using var posted = await _admin.PostReportAsync(KejiApi.Report(KejiApi.NewId("scope"), Target, unit, 0.01));
        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var alerts = (await _admin.GetJsonAsync($"/api/alerts?unit={unit}")).AsArray();
            var alert = alerts.FirstOrDefault(a => a!["target"]?.GetValue<string>() == Target && a["rule"]!.GetValue<string>() == "behind"
                && a["state"]!.GetValue<string>() is "open" or "acknowledged");
            if (alert is not null) return alert["id"]!.GetValue<string>();
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No behind alert for {Target} × {unit}: {alerts.ToJsonString()}");
            await Task.Delay(20);
        }
    }

    private HubConnection Hub(string token, Channel<JsonElement> changes)
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/live"), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        hub.On<JsonElement>("Changes", update => changes.Writer.TryWrite(update));
        return hub;
    }
}
