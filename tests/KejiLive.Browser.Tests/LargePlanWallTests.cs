using KejiLive.Browser.Tests.Support;
using KejiLive.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>The wall of a national-scale plan (2,850 generated units, <see cref="ScalePlan"/>) in real Chromium: the
/// leaders and laggards as tiles, every unit counted by light above them, no error; a target page lists the first page
/// of its units and says how many there are.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LargePlanWallTests(KejiSite site, ITestOutputHelper output)
{
    private const int Units = 2850;

    [Fact]
    public async Task WallAndTargetPage_When2850Units_ShowLeadersLaggardsCountsAndFirstPage()
    {
        var data = site.NewDataDirectory();
        var planFile = Path.Combine(data, "scale-2025.json");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(planFile, ScalePlan.Json(Units));
        // No holiday file beside the generated plan: weekdays only, which the wall does not depend on.
        using var silo = KejiProcess.StartSilo(data, SiloPorts.Reserve(), KejiSite.ClockNow, $"--Plan:File={planFile}");
        await silo.WaitHealthyAsync(KejiSite.HealthDeadline);

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(silo.BaseAddress, "/wall");

        var counts = page.Locator("#unit-counts");
        await Assertions.Expect(counts).ToBeVisibleAsync();
        await Assertions.Expect(counts).ToContainTextAsync("共 2,850 个单位");
        await Assertions.Expect(page.Locator("#units .unit")).ToHaveCountAsync(20);
        await Assertions.Expect(page.Locator("#ranking li")).ToHaveCountAsync(20);
        await Assertions.Expect(page.Locator("#ranking-rule")).ToContainTextAsync("前10名与后10名");
        Assert.Empty(browser.PageErrors);
        await KejiSite.ScreenshotAsync(page, "wall-2850-units", output);

        await browser.OpenLiveAsync(silo.BaseAddress, $"/targets/{ScalePlan.Targets[0]}");
        await Assertions.Expect(page.Locator("#breakdown tbody tr[data-unit]")).ToHaveCountAsync(500);
        await Assertions.Expect(page.Locator("#breakdown tbody tr.more")).ToContainTextAsync("共 2850 个");
        Assert.Empty(browser.PageErrors);
    }
}
