using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using KejiLive.Browser.Tests.Support;
using KejiLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>Two web nodes: the silo process (web side co-hosted) and a Dashboard.Host process connected to the silo's
/// gateway as an Orleans client. A report taken by one node reaches a SignalR client of the other.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoWebNodesTests(KejiSite site, ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task HostHubClient_WhenAReportIsPostedToTheSilo_ReceivesTheWallChange()
    {
        const string Target = "talent-teams";
        const string Unit = "360781";
        var ports = FreePorts.Reserve(4);
        var siloPorts = new SiloPorts(ports[0], ports[1], ports[2]);
        using var silo = KejiSite.StartSilo(site.NewDataDirectory(), siloPorts);
        await silo.WaitHealthyAsync(KejiSite.HealthDeadline);
        using var host = KejiProcess.StartHost(ports[3], siloPorts.Gateway, KejiSite.ClockNow);
        await host.WaitHealthyAsync(KejiSite.HealthDeadline);
        Assert.NotEqual(silo.BaseAddress, host.BaseAddress);

        var changes = Channel.CreateUnbounded<(JsonElement Update, TimeSpan At)>();
        var clock = new Stopwatch();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(KejiProcess.AdminToken))
            .Build();
        hub.On<JsonElement>("Changes", update => changes.Writer.TryWrite((update, clock.Elapsed)));
        await hub.StartAsync();
        var wall = await hub.InvokeAsync<JsonElement>("WatchWall");
        var before = City(wall, Target);

        using var api = KejiSite.ApiClient(silo);
        clock.Start();
        await api.PostCreatedAsync(Reports.Body(Reports.NewId("two-nodes"), Target, Unit, 5));
        var posted = clock.Elapsed;

        var seen = new List<string>();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            while (true)
            {
                var (update, at) = await changes.Reader.ReadAsync(timeout.Token);
                seen.Add(update.GetRawText()[..Math.Min(200, update.GetRawText().Length)]);
                if (update.GetProperty("group").GetString() != "wall") continue;
                var city = update.GetProperty("cities").EnumerateArray().FirstOrDefault(c => c.GetProperty("target").GetString() == Target);
                if (city.ValueKind == JsonValueKind.Object && city.GetProperty("actual").GetDouble() == before + 5)
                {
                    KejiSite.Record(output, $"report to silo → change at host's hub client: {at.TotalMilliseconds:F0} ms (POST answered after {posted.TotalMilliseconds:F0} ms)");
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No wall change with {Target} = {before + 5} reached the host's hub within {Patience.TotalSeconds} s; saw {seen.Count}: {string.Join("\n", seen)}\n{silo.Describe()}\n{host.Describe()}");
        }
    }

    private static double City(JsonElement wall, string target) =>
        wall.GetProperty("cities").EnumerateArray().Single(c => c.GetProperty("target").GetString() == target).GetProperty("actual").GetDouble();
}
