using System.Text.Json;
using System.Threading.Channels;
using KejiLive.Api.Tests.Support;
using KejiLive.Dashboard.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace KejiLive.Api.Tests;

/// <summary>The SignalR contract through the test server with a real SignalR client: snapshot on watch, numbered
/// changes after a report, and a fresh snapshot for a client that saw a gap in the numbers.</summary>
[Collection(ApiCollection.Name)]
public sealed class LiveHubTests(KejiApiFactory factory) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly HttpClient _http = factory.CreateClient();
    private readonly Channel<JsonElement> _changes = Channel.CreateUnbounded<JsonElement>();
    private HubConnection _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = AdminHub.Build(factory);
        _hub.On<JsonElement>("Changes", update => _changes.Writer.TryWrite(update));
        await _hub.StartAsync();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task WatchWall_ThenReport_SnapshotThenNumberedChangeWithTheNewCityFigure()
    {
        var wall = await _hub.InvokeAsync<JsonElement>("WatchWall");
        var seq = wall.GetProperty("seq").GetInt64();
        Assert.Equal(KejiApiFactory.PlanTargets, wall.GetProperty("cities").GetArrayLength());
        Assert.True(wall.GetProperty("sampleSplit").GetBoolean());
        var before = City(wall.GetProperty("cities"), "maturation-projects").GetProperty("actual").GetDouble();

        using var posted = await _http.PostReportAsync(KejiApi.Report(KejiApi.NewId("live"), "maturation-projects", "360702", 1));
        Assert.Equal(System.Net.HttpStatusCode.Created, posted.StatusCode);

        // Changes already on their way when we joined may come first; every wall message is numbered in turn.
        var wallSeqs = new List<long>();
        var change = await NextUntilAsync(u =>
        {
            if (u.GetProperty("group").GetString() != "wall") return false;
            wallSeqs.Add(u.GetProperty("seq").GetInt64());
            return u.GetProperty("cities").EnumerateArray().Any(c =>
                c.GetProperty("target").GetString() == "maturation-projects" && c.GetProperty("actual").GetDouble() == before + 1);
        });
        Assert.Equal(Enumerable.Range(1, wallSeqs.Count).Select(i => seq + i), wallSeqs);
        Assert.True(change.GetProperty("dataAsOf").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task WatchTarget_WhenAMessageWasMissed_GapIsVisibleAndAFreshSnapshotIsCurrent()
    {
        const string target = "provincial-platforms";
        var units = (await _http.GetJsonAsync($"/api/targets/{target}"))["units"]!.AsArray().Select(u => u!["unit"]!.GetValue<string>()).ToList();
        var first = await _hub.InvokeAsync<JsonElement>("WatchTarget", target);
        var seen = first.GetProperty("seq").GetInt64();

        // Leave the group, let a change go by unseen, then come back without asking for a snapshot.
        await _hub.InvokeAsync("Unwatch", $"target:{target}");
        using (var missed = await _http.PostReportAsync(KejiApi.Report(KejiApi.NewId("gap-a"), target, units[2], 1))) Assert.Equal(201, (int)missed.StatusCode);
        await WaitUntilSentAsync($"target:{target}", after: seen);
        await _hub.InvokeAsync<JsonElement>("WatchTarget", target);
        using (var next = await _http.PostReportAsync(KejiApi.Report(KejiApi.NewId("gap-b"), target, units[3], 1))) Assert.Equal(201, (int)next.StatusCode);

        var arrived = await NextUntilAsync(u => u.GetProperty("group").GetString() == $"target:{target}"
            && u.GetProperty("targets").EnumerateArray().Any(t => t.GetProperty("unit").GetString() == units[3]));
        Assert.True(arrived.GetProperty("seq").GetInt64() > seen + 1, "the missed change must leave a gap in the numbers");

        var fresh = await _hub.InvokeAsync<JsonElement>("WatchTarget", target);
        Assert.True(fresh.GetProperty("seq").GetInt64() >= arrived.GetProperty("seq").GetInt64());
        var freshUnits = fresh.GetProperty("city").GetProperty("units");
        Assert.Equal(1, Unit(freshUnits, units[2]).GetProperty("actual").GetDouble());
        Assert.Equal(1, Unit(freshUnits, units[3]).GetProperty("actual").GetDouble());
    }

    [Fact]
    public async Task WatchUnit_WhenUnitUnknown_FailsWithAClearMessage()
    {
        var e = await Assert.ThrowsAsync<HubException>(() => _hub.InvokeAsync<JsonElement>("WatchUnit", "999999"));
        Assert.Contains("999999", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Waits (bounded) until the server has sent the group a message numbered after <paramref name="after"/>.</summary>
    private async Task WaitUntilSentAsync(string group, long after)
    {
        var broadcaster = factory.Services.GetRequiredService<LiveBroadcaster>();
        var deadline = DateTime.UtcNow + Patience;
        while (broadcaster.CurrentSeq(group) <= after)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Nothing was sent to {group} after #{after}.");
            await Task.Delay(20);
        }
    }

    private static JsonElement City(JsonElement cities, string target) =>
        cities.EnumerateArray().Single(c => c.GetProperty("target").GetString() == target);

    private static JsonElement Unit(JsonElement units, string unit) =>
        units.EnumerateArray().Single(c => c.GetProperty("unit").GetString() == unit);

    /// <summary>Reads pushed changes until one matches, within a bounded time; fails with what did arrive.</summary>
    private async Task<JsonElement> NextUntilAsync(Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var seen = new List<string>();
        try
        {
            while (true)
            {
                var update = await _changes.Reader.ReadAsync(timeout.Token);
                if (match(update)) return update;
                seen.Add($"{update.GetProperty("group")}#{update.GetProperty("seq")}");
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching change within {Patience.TotalSeconds} s; saw: {string.Join(", ", seen)}");
        }
    }
}
