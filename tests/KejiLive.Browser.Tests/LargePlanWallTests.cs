using System.Text;
using System.Text.Json.Nodes;
using KejiLive.Browser.Tests.Support;
using KejiLive.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>The wall of a national-scale plan (2,850 generated units, <see cref="ScalePlan"/>) in real Chromium: the
/// leaders and laggards as tiles, every unit counted by light above them, no error; a target page lists the first page
/// of its units (50, worst first) and says how many there are.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LargePlanWallTests(KejiSite site, ITestOutputHelper output)
{
    private const int Units = 2850;

    /// <summary>Units that report (the rest have nothing judged).</summary>
    private const int Reporting = 120;

    [Fact]
    public async Task WallAndTargetPage_When2850Units_ShowLeadersLaggardsCountsAndFirstPage()
    {
        // No holiday file beside the generated plan: weekdays only, which the wall does not depend on.
        using var silo = await KejiSite.StartGeneratedSiloAsync(site.NewDataDirectory(), Units);
        // Issue 17: a unit with no report is grey and holds no place, so 120 units report (some at 0): the ranking has
        // leaders and laggards for the wall's top 10 and bottom 10 while the other 2,730 stay grey and are still counted.
        var reports = new JsonArray([.. Enumerable.Range(1, Reporting).Select(i => (JsonNode)Reports.Body(
            $"scale-{i}", ScalePlan.Targets[0], ScalePlan.Unit(i), Math.Floor(ScalePlan.Share(Units, 0, i) * (i % 7) / 10.0), "2025-09-30"))]);
        using (var api = KejiSite.ApiClient(silo))
        using (var posted = await api.PostAsync("/api/reports", new StringContent(reports.ToJsonString(), Encoding.UTF8, "application/json")))
        {
            Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        }

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(silo.BaseAddress, "/wall");

        var counts = page.Locator("#unit-counts");
        await Assertions.Expect(counts).ToBeVisibleAsync();
        await Assertions.Expect(counts).ToContainTextAsync("共 2,850 个单位");
        await Assertions.Expect(page.Locator("#units .unit")).ToHaveCountAsync(20, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#ranking li")).ToHaveCountAsync(20, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#ranking-rule")).ToContainTextAsync("前10名与后10名");
        Assert.Empty(browser.PageErrors);
        await KejiSite.ScreenshotAsync(page, "wall-2850-units", output);

        await browser.OpenLiveAsync(silo.BaseAddress, $"/targets/{ScalePlan.Targets[0]}");
        // A page of 50 units, worst first across all of them, with the total and a way on.
        await Assertions.Expect(page.Locator("#breakdown tbody tr[data-unit]")).ToHaveCountAsync(50);
        await Assertions.Expect(page.Locator("#breakdown-pager")).ToContainTextAsync("共 2,850 个单位");
        await Assertions.Expect(page.Locator("#breakdown-pager button[data-page=next]")).ToBeEnabledAsync();
        Assert.Empty(browser.PageErrors);
    }
}
