using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using KejiLive.Browser.Tests.Support;
using KejiLive.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>More 督办 than a wall lists or a page holds (a generated plan of <see cref="Units"/> units, every one 未报送,
/// <see cref="Behind"/> of them behind), in real Chromium: the wall's ticker lists the newest 100 and its figures (未办结,
/// 待答复, 已答复, the unit with most, the oldest unanswered) equal the server's before and after answers, closes and a
/// burst of reports; the 督办台账 shows one page of 50, most urgent first, with the server's total, and pages on.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertVolumePagesTests(KejiSite site, ITestOutputHelper output)
{
    private const int Units = 150;
    private const int Behind = 60;
    private const int PageSize = 50;
    private const int WallAlerts = 100;
    private static readonly LocatorAssertionsToHaveAttributeOptions Live = new() { Timeout = 30_000 };

    [Fact]
    public async Task WallTickerAndAlertsPage_WhenMoreAlertsThanShown_ShowServerTotalsBoundedRowsMostUrgentFirst()
    {
        using var silo = await KejiSite.StartGeneratedSiloAsync(site.NewDataDirectory(), Units);
        using var api = KejiSite.ApiClient(silo);
        await PostReportsAsync(api, Enumerable.Range(1, Behind).Select(i =>
            Reports.Body($"volume-{i}", ScalePlan.Targets[0], ScalePlan.Unit(i), Math.Floor(ScalePlan.Share(Units, 0, i) * (i % 5) / 10.0), "2025-09-30")));
        var tally = await SettledTallyAsync(api);
        Assert.True(tally["live"]!.GetValue<int>() > WallAlerts, tally.ToJsonString());

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(silo.BaseAddress, "/wall");
        var summary = page.Locator("#alert-summary");
        await AssertTickerAsync(summary, tally);
        await Assertions.Expect(page.Locator("#alerts .alert-item")).ToHaveCountAsync(WallAlerts);
        await Assertions.Expect(summary.Locator(".sum-count")).ToContainTextAsync($"（下列最新 {WallAlerts} 项）");

        // Live: three answered, two closed (one answered), then a burst of reports opening more.
        var open = (await api.GetJsonAsync("/api/alerts?state=open&order=urgent&limit=5")).AsArray();
        foreach (var a in open.Take(3))
        {
            using var acked = await api.PostAsJsonAsync($"/api/alerts/{a!["id"]}/ack", new { note = "限期整改", promisedBy = "2025-11-30" });
            acked.EnsureSuccessStatusCode();
        }
        foreach (var a in open.Skip(2).Take(2))
        {
            using var closed = await api.PostAsJsonAsync($"/api/alerts/{a!["id"]}/close", new { note = "已核实" });
            closed.EnsureSuccessStatusCode();
        }
        await PostReportsAsync(api, Enumerable.Range(Behind + 1, 40).Select(i =>
            Reports.Body($"volume-burst-{i}", ScalePlan.Targets[0], ScalePlan.Unit(i), 0, "2025-09-30")));
        var after = await SettledTallyAsync(api);
        Assert.NotEqual(tally["live"]!.GetValue<int>(), after["live"]!.GetValue<int>());
        await AssertTickerAsync(summary, after);
        Assert.True(await page.Locator("#alerts .alert-item").CountAsync() <= WallAlerts);
        Assert.Empty(browser.PageErrors);
        await KejiSite.ScreenshotAsync(page, "wall-alert-volume", output);

        // 督办台账: one page, the most urgent first, the server's total; the next page continues the server's order.
        var urgent = (await api.GetJsonAsync($"/api/alerts?state=live&order=urgent&limit={2 * PageSize}")).AsArray();
        var total = (await api.GetJsonAsync("/api/alerts/summary?state=live"))["total"]!.GetValue<int>();
        await browser.OpenLiveAsync(silo.BaseAddress, "/alerts");
        var rows = page.Locator("#alerts tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(PageSize);
        await Assertions.Expect(page.Locator("#pager")).ToHaveAttributeAsync("data-total", Num(total));
        await Assertions.Expect(page.Locator("#count-total")).ToHaveTextAsync(total.ToString("N0", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#pager .pager-text"))
            .ToHaveTextAsync($"共 {total.ToString("N0", CultureInfo.InvariantCulture)} 条，第 1–50 条（第 1/{(total + PageSize - 1) / PageSize} 页）");
        Assert.Equal(["首页", "上一页", "下一页", "末页"], await page.Locator("#pager button.pager-btn").AllTextContentsAsync());
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-alert-id", urgent[0]!["id"]!.GetValue<string>());
        Assert.Equal("red", urgent[0]!["severity"]!.GetValue<string>());
        await Assertions.Expect(rows.First.Locator(".sev")).ToHaveTextAsync("红");
        await KejiSite.ScreenshotAsync(page, "alerts-volume", output);
        await page.Locator("#pager button[data-page=next]").ClickAsync();
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-alert-id", urgent[PageSize]!["id"]!.GetValue<string>());
        await Assertions.Expect(rows).ToHaveCountAsync(PageSize);

        // A report opening more 督办 while the page is open: the total follows, the page stays one page.
        await page.Locator("#pager button[data-page=first]").ClickAsync();
        await PostReportsAsync(api, Enumerable.Range(Behind + 41, 20).Select(i =>
            Reports.Body($"volume-late-{i}", ScalePlan.Targets[0], ScalePlan.Unit(i), 0, "2025-09-30")));
        var settled = await SettledTallyAsync(api);
        var totalAfter = (await api.GetJsonAsync("/api/alerts/summary?state=live"))["total"]!.GetValue<int>();
        Assert.Equal(settled["live"]!.GetValue<int>(), totalAfter);
        await Assertions.Expect(page.Locator("#pager")).ToHaveAttributeAsync("data-total", Num(totalAfter), Live);
        await Assertions.Expect(rows).ToHaveCountAsync(PageSize);
        // Every refresh (open, next, first, live changes) was one request: the summary with the page's rows, never the
        // list beside it.
        var alertReads = browser.Requests.Select(u => new Uri(u)).Where(u => u.AbsolutePath.StartsWith("/api/alerts", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(alertReads, u => u.AbsolutePath == "/api/alerts");
        Assert.True(alertReads.Count >= 3, string.Join(' ', alertReads));
        Assert.All(alertReads, u => Assert.Contains("limit=50", u.Query, StringComparison.Ordinal));
        Assert.Empty(browser.PageErrors);
    }

    private static async Task AssertTickerAsync(ILocator summary, JsonNode tally)
    {
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-total", Num(tally["live"]!.GetValue<int>()), Live);
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-open", Num(tally["open"]!.GetValue<int>()), Live);
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-answered", Num(tally["acknowledged"]!.GetValue<int>()), Live);
        var top = tally["topUnits"]!.AsArray()[0]!;
        await Assertions.Expect(summary.Locator(".sum-units b").First).ToHaveAttributeAsync("data-top-unit", top["unit"]!.GetValue<string>(), Live);
        await Assertions.Expect(summary.Locator(".sum-units b").First).ToHaveAttributeAsync("data-top-count", Num(top["count"]!.GetValue<int>()), Live);
        await Assertions.Expect(summary.Locator(".sum-oldest")).ToHaveAttributeAsync("data-alert-id", tally["oldestOpen"]!["id"]!.GetValue<string>(), Live);
    }

    /// <summary>The server's tally once judging (one-way) has settled: the same in two reads half a second apart.</summary>
    private static async Task<JsonNode> SettledTallyAsync(HttpClient api)
    {
        var deadline = Environment.TickCount64 + 60_000;
        string? last = null;
        while (true)
        {
            var tally = (await api.GetJsonAsync("/api/alerts/summary"))["tally"]!.AsObject();
            tally.Remove("version");
            var text = tally.ToJsonString();
            if (text == last) return tally;
            if (Environment.TickCount64 > deadline) throw new TimeoutException($"督办 still changing after 60 s: {text}");
            last = text;
            await Task.Delay(500);
        }
    }

    private static async Task PostReportsAsync(HttpClient api, IEnumerable<JsonObject> reports)
    {
        var body = new JsonArray([.. reports]);
        using var posted = await api.PostAsync("/api/reports", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
