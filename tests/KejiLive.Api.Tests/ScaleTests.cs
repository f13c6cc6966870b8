using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using KejiLive.Api.Tests.Support;
using KejiLive.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace KejiLive.Api.Tests;

/// <summary>Issue 13's read side at national scale (2,850 units): the wall snapshot carries what a wall shows and stays
/// under its size budget, the city roll-up pages its units, the plan is served compressed. Sizes are asserted, never
/// timings; the measured sizes are written to the test output.</summary>
[Collection(ScaleCollection.Name)]
public sealed class ScaleTests(ScaleFixture fixture, ITestOutputHelper output)
{
    /// <summary>The wall snapshot's budget (issue 13).</summary>
    private const int WallBudgetBytes = 512 * 1024;

    [Fact]
    public async Task WatchWall_When2850Units_SnapshotUnderBudgetWithLeadersLaggardsAndCounts()
    {
        await using var hub = AdminHub.Build(fixture.Factory);
        await hub.StartAsync();

        var wall = await hub.InvokeAsync<JsonElement>("WatchWall");
        var bytes = Encoding.UTF8.GetByteCount(wall.GetRawText());
        output.WriteLine($"WatchWall snapshot at {ScaleApiFactory.Units} units: {bytes:N0} bytes");

        Assert.True(bytes < WallBudgetBytes, $"snapshot {bytes:N0} bytes, budget {WallBudgetBytes:N0}");
        Assert.False(wall.GetProperty("allUnits").GetBoolean());
        var counts = wall.GetProperty("counts");
        Assert.Equal(ScaleApiFactory.Units, counts.GetProperty("units").GetInt32());
        // Issue 17: a unit with no report is grey (nothing to judge, not zero progress) and holds no place; the units that
        // reported above 0 do, and those at 0 too unless nothing is owed yet on a small-number target (judged in whole
        // items: 0 of 1–3 items owed is not judged, like a 序时进度 of 0). The wall counts what the ranking lists.
        var full = await fixture.Http.GetFromJsonAsync<JsonElement>("/api/ranking");
        var ranked = counts.GetProperty("rankedUnits").GetInt32();
        Assert.Equal(full.GetProperty("units").GetArrayLength(), ranked);
        Assert.InRange(ranked, ScaleFixture.Scoring + 1, ScaleFixture.Reporting);
        Assert.Equal(ScaleApiFactory.Units, new[] { "green", "yellow", "red", "grey" }.Sum(l => counts.GetProperty(l).GetInt32()));
        var ranking = wall.GetProperty("ranking").EnumerateArray().ToList();
        Assert.Equal(20, ranking.Count);
        Assert.Equal(1, ranking[0].GetProperty("rank").GetInt32());
        Assert.True(ranking[0].GetProperty("score").GetDouble() > 0);
        // The laggards share the last place (score 0): 并列, the reporting units at 0.
        var scoring = full.GetProperty("units").EnumerateArray().Count(u => u.GetProperty("score").GetDouble() > 0);
        Assert.Equal(scoring + 1, ranking[^1].GetProperty("rank").GetInt32());
        Assert.Equal(20, wall.GetProperty("units").GetArrayLength());
        Assert.Equal(ScalePlan.Targets.Length, wall.GetProperty("cities").GetArrayLength());
    }

    [Fact]
    public async Task WatchWall_When2850UnitsAndALaggardReports_ChangeMovesItOutAndBringsTheNextLaggardsCard()
    {
        var changes = System.Threading.Channels.Channel.CreateUnbounded<JsonElement>();
        await using var hub = AdminHub.Build(fixture.Factory);
        hub.On<JsonElement>("Changes", update => changes.Writer.TryWrite(update));
        await hub.StartAsync();
        var wall = await hub.InvokeAsync<JsonElement>("WatchWall");
        var laggards = wall.GetProperty("ranking").EnumerateArray().Skip(10).Select(r => r.GetProperty("unit").GetString()!).ToList();
        var leaving = laggards[^1];
        var shownBefore = wall.GetProperty("ranking").EnumerateArray().Select(r => r.GetProperty("unit").GetString()!).ToHashSet();

        // The last laggard reports on the second target (the first target's counts stay as the fixture made them).
        var index = int.Parse(leaving[1..], System.Globalization.CultureInfo.InvariantCulture);
        using var posted = await fixture.Http.PostAsJsonAsync("/api/reports", new
        {
            reportId = $"scale-leave-{leaving}",
            target = ScalePlan.Targets[1],
            unit = leaving,
            asOf = "2025-06-30",
            value = (double)ScalePlan.Share(ScaleApiFactory.Units, 1, index),
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, posted.StatusCode);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var update = await changes.Reader.ReadAsync(timeout.Token);
            if (update.GetProperty("ranking").ValueKind != JsonValueKind.Array) continue;
            var shown = update.GetProperty("ranking").EnumerateArray().Select(r => r.GetProperty("unit").GetString()!).ToList();
            if (shown.Contains(leaving)) continue;
            Assert.Equal(20, shown.Count);
            var entering = shown.Single(u => !shownBefore.Contains(u));
            // The wall gets the card of the unit that entered the list, not every unit's card.
            var cards = update.GetProperty("units").EnumerateArray().Select(c => c.GetProperty("unit").GetString()!).ToList();
            Assert.Contains(entering, cards);
            Assert.True(cards.Count <= 20, $"{cards.Count} cards");
            break;
        }
    }

    [Theory]
    [InlineData("", 500, 0, "u0001")]
    [InlineData("?offset=2800&limit=100", 50, 2800, "u2801")]
    [InlineData("?offset=10&limit=3", 3, 10, "u0011")]
    [InlineData("?limit=5000", ScaleApiFactory.Units, 0, "u0001")]
    public async Task GetCityTarget_When2850Units_PagesUnitsWithTotal(string query, int listed, int offset, string firstUnit)
    {
        var city = await fixture.Http.GetFromJsonAsync<JsonElement>($"/api/targets/{ScalePlan.Targets[0]}{query}");
        Assert.Equal(listed, city.GetProperty("units").GetArrayLength());
        Assert.Equal(ScaleApiFactory.Units, city.GetProperty("unitCount").GetInt32());
        Assert.Equal(offset, city.GetProperty("offset").GetInt32());
        Assert.Equal(firstUnit, city.GetProperty("units")[0].GetProperty("unit").GetString());
        Assert.Equal(ScaleFixture.Reporting, city.GetProperty("unitsReporting").GetInt32());
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task GetPlan_When2850UnitsAndClientAcceptsCompression_ServedCompressed(string encoding)
    {
        using var plain = await fixture.Http.GetAsync("/api/plan");
        var raw = (await plain.Content.ReadAsByteArrayAsync()).Length;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/plan");
        request.Headers.AcceptEncoding.ParseAdd(encoding);
        using var compressed = await fixture.Http.SendAsync(request);
        var size = (await compressed.Content.ReadAsByteArrayAsync()).Length;
        output.WriteLine($"GET /api/plan at {ScaleApiFactory.Units} units: {raw:N0} bytes plain, {size:N0} bytes {encoding}");

        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        Assert.True(size * 4 < raw, $"{encoding} {size:N0} bytes of {raw:N0}");
    }
}
