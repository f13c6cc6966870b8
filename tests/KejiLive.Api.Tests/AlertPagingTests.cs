using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using KejiLive.Api.Tests.Support;
using KejiLive.Domain.Views;
using Microsoft.AspNetCore.SignalR.Client;

namespace KejiLive.Api.Tests;

/// <summary>督办 at volume (<see cref="AlertVolumeFixture"/>: more than a page or a wall holds): <c>GET /api/alerts</c>
/// pages most urgent first with the total in <c>X-Total-Count</c> and answers as before without paging parameters;
/// <c>GET /api/alerts/summary</c> counts what a recount of the whole list says; the wall's snapshot lists the newest 100
/// with the tally over all of them, and the hub keeps that tally equal to the server's after answers, closes and new
/// 督办.</summary>
public sealed class AlertPagingTests(AlertVolumeFixture fixture) : IClassFixture<AlertVolumeFixture>
{
    private static readonly string[] SeverityOrder = ["red", "orange", "yellow"];

    [Fact]
    public async Task GetAlerts_WhenPagedUrgent_PagesJoinToTheWholeListMostUrgentFirstWithTheTotal()
    {
        var (all, total) = await ListAsync("/api/alerts?state=live&order=urgent");
        Assert.Equal(all.Count, total);
        Assert.True(all.Count > 2 * 50, $"only {all.Count} live 督办");
        Assert.Equal("red", all[0]!["severity"]!.GetValue<string>());
        for (var i = 1; i < all.Count; i++)
        {
            var (a, b) = (all[i - 1], all[i]);
            var bySeverity = Rank(a).CompareTo(Rank(b));
            Assert.True(bySeverity < 0 || (bySeverity == 0 && Opened(a) <= Opened(b)), $"{Id(a)} listed before {Id(b)}");
        }

        var paged = new List<string>();
        for (var offset = 0; offset < all.Count; offset += 50)
        {
            var (page, pageTotal) = await ListAsync($"/api/alerts?state=live&order=urgent&offset={offset}&limit=50");
            Assert.Equal(all.Count, pageTotal);
            Assert.InRange(page.Count, 1, 50);
            paged.AddRange(page.Select(Id));
        }
        Assert.Equal(all.Select(Id), paged);
        var (beyond, beyondTotal) = await ListAsync($"/api/alerts?state=live&order=urgent&offset={all.Count}&limit=50");
        Assert.Empty(beyond);
        Assert.Equal(all.Count, beyondTotal);
    }

    [Fact]
    public async Task GetAlerts_WithoutPagingParameters_ListsEveryAlertNewestChangeFirstAsBefore()
    {
        var (all, total) = await ListAsync("/api/alerts");
        Assert.Equal(all.Count, total);
        var summary = await fixture.Http.GetJsonAsync("/api/alerts/summary");
        Assert.Equal(all.Count, summary["total"]!.GetValue<int>());
        for (var i = 1; i < all.Count; i++) Assert.True(Changed(all[i - 1]) >= Changed(all[i]), $"{Id(all[i - 1])} listed before {Id(all[i])}");
        Assert.All(all, a => Assert.StartsWith("/", a!["link"]!.GetValue<string>(), StringComparison.Ordinal));
        var (unitOnly, unitTotal) = await ListAsync("/api/alerts?unit=u0001&state=open");
        Assert.Equal(unitOnly.Count, unitTotal);
        Assert.All(unitOnly, a => Assert.Equal(("u0001", "open"), (a!["unit"]!.GetValue<string>(), a["state"]!.GetValue<string>())));
    }

    [Theory]
    [InlineData("")]
    [InlineData("?unit=u0002")]
    [InlineData("?target=hi-tech&state=live")]
    [InlineData("?state=live&severity=yellow")]
    public async Task GetAlertSummary_CountsAndTallyEqualARecountOfTheList(string query)
    {
        var summary = await fixture.Http.GetJsonAsync($"/api/alerts/summary{query}");
        var listed = (await fixture.Http.GetJsonAsync($"/api/alerts{query}")).AsArray();
        Assert.Equal(listed.Count, summary["total"]!.GetValue<int>());
        var filters = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        var scope = filters.Where(f => f.Key is "unit" or "target").Select(f => $"{f.Key}={f.Value}");
        var scoped = (await fixture.Http.GetJsonAsync($"/api/alerts?{string.Join('&', scope)}")).AsArray();
        var counts = summary["counts"]!;
        foreach (var state in new[] { "open", "acknowledged", "resolved", "closed" })
        {
            Assert.Equal(scoped.Count(a => a!["state"]!.GetValue<string>() == state), counts[state]!.GetValue<int>());
        }
        foreach (var severity in SeverityOrder)
        {
            Assert.Equal(listed.Count(a => a!["severity"]!.GetValue<string>() == severity), counts[severity]!.GetValue<int>());
        }

        // The tally covers every live 督办 of the unit filter (or all units), whatever the other filters.
        var unitScope = filters.TryGetValue("unit", out var unit) ? $"?unit={unit}" : "";
        var live = (await fixture.Http.GetJsonAsync($"/api/alerts{unitScope}")).AsArray().Where(IsLive).ToList();
        AssertTally(live, summary["tally"]!);
    }

    /// <summary>The 督办台账 refreshes with one request: the summary asked with a page's order and bounds carries that
    /// page, the same rows as <c>GET /api/alerts</c> gives for them, beside the same counts and tally as without.</summary>
    [Theory]
    [InlineData("state=live&order=urgent&offset=0&limit=50")]
    [InlineData("state=live&order=urgent&offset=50&limit=50")]
    [InlineData("unit=u0001&order=urgent&offset=0&limit=50")]
    [InlineData("state=open&severity=red&order=changed&offset=3&limit=7")]
    public async Task GetAlertSummary_WhenAskedWithAPage_CarriesThePagesRowsBesideTheCounts(string query)
    {
        var (page, total) = await ListAsync($"/api/alerts?{query}");
        var withPage = await fixture.Http.GetJsonAsync($"/api/alerts/summary?{query}");
        var filters = string.Join('&', query.Split('&').Where(p => !p.StartsWith("order=", StringComparison.Ordinal)
            && !p.StartsWith("offset=", StringComparison.Ordinal) && !p.StartsWith("limit=", StringComparison.Ordinal)));
        var countsOnly = await fixture.Http.GetJsonAsync($"/api/alerts/summary?{filters}");

        Assert.Equal(new JsonArray([.. page.Select(a => a!.DeepClone())]).ToJsonString(), withPage["items"]!.ToJsonString());
        Assert.Equal(total, withPage["total"]!.GetValue<int>());
        var offset = int.Parse(query.Split('&').Single(p => p.StartsWith("offset=", StringComparison.Ordinal))[7..], CultureInfo.InvariantCulture);
        Assert.Equal(offset, withPage["offset"]!.GetValue<int>());
        Assert.Equal(countsOnly["counts"]!.ToJsonString(), withPage["counts"]!.ToJsonString());
        Assert.Equal(countsOnly["total"]!.ToJsonString(), withPage["total"]!.ToJsonString());
        Assert.Equal(countsOnly["tally"]!.ToJsonString(), withPage["tally"]!.ToJsonString());
        // Without limit the summary is what it always was: no rows, no offset.
        Assert.Equal(["total", "counts", "tally"], countsOnly.AsObject().Select(p => p.Key));
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("offset=-3&limit=5", "offset")]
    [InlineData("order=soon&limit=5", "order")]
    public async Task GetAlertSummary_WhenAPagingParameterIsInvalid_AnswersProblemNamingIt(string query, string field)
    {
        using var response = await fixture.Http.GetAsync($"/api/alerts/summary?{query}");
        await response.AssertValidationProblemAsync(field);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=x", "limit")]
    [InlineData("?offset=-1", "offset")]
    [InlineData("?order=newest", "order")]
    [InlineData("?severity=blue", "severity")]
    [InlineData("?target=nope", "target")]
    [InlineData("?state=pending", "state")]
    public async Task GetAlerts_WhenAParameterIsInvalid_AnswersProblemNamingIt(string query, string field)
    {
        using var response = await fixture.Http.GetAsync($"/api/alerts{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await response.AssertValidationProblemAsync(field);
    }

    [Fact]
    public async Task WatchTarget_CarriesTheTargetsLiveAlertsMostUrgentFirstWithTheirTotal()
    {
        // The target with the most live 督办, and what the list says of them.
        var (live, _) = await ListAsync("/api/alerts?state=live");
        var target = live.Where(a => a!["target"] is not null).GroupBy(a => a!["target"]!.GetValue<string>())
            .OrderByDescending(g => g.Count()).First().Key;
        var (urgent, total) = await ListAsync($"/api/alerts?target={target}&state=live&order=urgent&limit={TargetPageLimits.Alerts}");
        Assert.True(total > 1, $"{target} has {total} live 督办");

        await using var hub = AdminHub.Build(fixture.Factory);
        await hub.StartAsync();
        var page = await hub.InvokeAsync<JsonElement>("WatchTarget", target);

        Assert.Equal(total, page.GetProperty("alertCount").GetInt32());
        Assert.Equal(urgent.Select(Id), page.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("id").GetString()!));
    }

    [Fact]
    public async Task WatchWall_WhenAlertsAreAnsweredClosedAndOpened_TheTallyFollowsTheServersCount()
    {
        var changes = Channel.CreateUnbounded<JsonElement>();
        await using var hub = AdminHub.Build(fixture.Factory);
        hub.On<JsonElement>("Changes", update => changes.Writer.TryWrite(update));
        await hub.StartAsync();
        var wall = await hub.InvokeAsync<JsonElement>("WatchWall");
        var tally = JsonNode.Parse(wall.GetProperty("alertTally").GetRawText())!;
        var summary = await fixture.Http.GetJsonAsync("/api/alerts/summary");
        Assert.Equal(summary["tally"]!["live"]!.GetValue<int>(), tally["live"]!.GetValue<int>());
        Assert.Equal(WallLimits.Alerts, wall.GetProperty("alerts").GetArrayLength());
        Assert.Equal(tally["live"]!.GetValue<int>(), wall.GetProperty("alertCount").GetInt32());

        // Answer three, close two (one of them answered), and open new ones with reports of units far behind.
        var (open, _) = await ListAsync("/api/alerts?state=open&order=urgent&limit=5");
        foreach (var a in open.Take(3))
        {
            using var acked = await fixture.Http.PostAsJsonAsync($"/api/alerts/{Id(a)}/ack", new { note = "限期整改", promisedBy = "2025-09-30" });
            Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        }
        foreach (var a in open.Skip(2).Take(2))
        {
            using var closed = await fixture.Http.PostAsJsonAsync($"/api/alerts/{Id(a)}/close", new { note = "已核实" });
            Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        }
        var reports = Enumerable.Range(AlertVolumeFixture.Behind + 1, 30).Select(i => new
        {
            reportId = $"paging-hub-{i}", target = KejiLive.Testing.ScalePlan.Targets[0], unit = KejiLive.Testing.ScalePlan.Unit(i), asOf = "2025-06-30", value = 0,
        }).ToArray();
        using (var posted = await fixture.Http.PostAsJsonAsync("/api/reports", reports)) posted.EnsureSuccessStatusCode();

        // The server's figures settle (one-way judging); the last tally the hub brought must equal them. Equal figures alone
        // are not settled: right after the post the hub's tally and the server's can agree on counts that the reports'
        // 督办, still on their way (one-way, batched), then change. So also wait until the city roll-up holds every
        // reporting unit's report: the judgements reach it in the same batch that reaches the units' alerts grains.
        var reporting = reports.Select(r => r.unit).ToHashSet(StringComparer.Ordinal);
        JsonNode expected = summary;
        var deadline = Environment.TickCount64 + 30_000;
        while (true)
        {
            while (changes.Reader.TryRead(out var update))
            {
                if (update.TryGetProperty("alertTally", out var t) && t.ValueKind == JsonValueKind.Object)
                {
                    var incoming = JsonNode.Parse(t.GetRawText())!;
                    if (incoming["version"]!.GetValue<long>() >= tally["version"]!.GetValue<long>()) tally = incoming;
                }
            }
            var waiting = (await fixture.Http.GetJsonAsync($"/api/targets/{KejiLive.Testing.ScalePlan.Targets[0]}?limit=5000"))["units"]!.AsArray()
                .Where(u => reporting.Contains(u!["unit"]!.GetValue<string>()) && u["reportCount"]!.GetValue<int>() == 0)
                .Select(u => u!["unit"]!.GetValue<string>()).ToList();
            expected = (await fixture.Http.GetJsonAsync("/api/alerts/summary"))["tally"]!;
            if (waiting.Count == 0 && JsonNode.DeepEquals(Comparable(expected), Comparable(tally))) break;
            Assert.True(Environment.TickCount64 < deadline,
                $"hub tally {tally.ToJsonString()} never reached the server's {expected.ToJsonString()}, or the city never held the reports of {string.Join(", ", waiting)}");
            await Task.Delay(100);
        }
        var live = (await fixture.Http.GetJsonAsync("/api/alerts")).AsArray().Where(IsLive).ToList();
        AssertTally(live, tally);
        Assert.True(tally["acknowledged"]!.GetValue<int>() >= 1);
    }

    private static JsonNode Comparable(JsonNode tally)
    {
        var copy = tally.DeepClone().AsObject();
        copy.Remove("version");
        return copy;
    }

    private static void AssertTally(List<JsonNode?> live, JsonNode tally)
    {
        Assert.Equal(live.Count, tally["live"]!.GetValue<int>());
        Assert.Equal(live.Count(a => a!["state"]!.GetValue<string>() == "open"), tally["open"]!.GetValue<int>());
        Assert.Equal(live.Count(a => a!["state"]!.GetValue<string>() == "acknowledged"), tally["acknowledged"]!.GetValue<int>());
        var top = live.GroupBy(a => a!["unit"]!.GetValue<string>()).Select(g => (g.Key, g.Count()))
            .OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3).ToList();
        Assert.Equal(top, tally["topUnits"]!.AsArray().Select(u => (u!["unit"]!.GetValue<string>(), u["count"]!.GetValue<int>())));
        var oldest = live.Where(a => a!["state"]!.GetValue<string>() == "open").OrderBy(a => a!["awaitingSince"]!.GetValue<DateTimeOffset>()).ThenBy(Id, StringComparer.Ordinal).FirstOrDefault();
        Assert.Equal(oldest is null ? null : Id(oldest), tally["oldestOpen"]?["id"]?.GetValue<string>());
    }

    private async Task<(List<JsonNode?> Items, int Total)> ListAsync(string url)
    {
        using var response = await fixture.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.ReadJsonAsync()).AsArray().ToList();
        var total = int.Parse(response.Headers.GetValues("X-Total-Count").Single(), CultureInfo.InvariantCulture);
        return (items, total);
    }

    private static bool IsLive(JsonNode? a) => a!["state"]!.GetValue<string>() is "open" or "acknowledged";

    private static string Id(JsonNode? a) => a!["id"]!.GetValue<string>();

    private static int Rank(JsonNode? a) => Array.IndexOf(SeverityOrder, a!["severity"]!.GetValue<string>());

    private static DateTimeOffset Opened(JsonNode? a) => a!["openedAt"]!.GetValue<DateTimeOffset>();

    private static DateTimeOffset Changed(JsonNode? a) => a!["changedAt"]!.GetValue<DateTimeOffset>();
}
