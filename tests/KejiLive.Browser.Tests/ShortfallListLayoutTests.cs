using KejiLive.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>The target page's 拖后腿单位 on a 1366 px screen: a ratio's line (差 0.96 个百分点 · 占全市缺口 … · 红灯 −48.0
/// 个百分点) squeezed the unit's name to one character a line and ran out of the panel. Pair owned here: rd-intensity ×
/// 360781 (瑞金市), which no other browser test reports on. And a unit page's own 督办, run together on two lines with its
/// name on each.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ShortfallListLayoutTests(KejiSite site, ITestOutputHelper output)
{
    private const string Target = "rd-intensity";
    private const string Unit = "360781";

    [Fact]
    public async Task TargetPage_At1366_KeepsEachLaggardsNameOnOneLineAndItsLineInsideThePanel()
    {
        await site.Api.PostCreatedAsync(Reports.RatioBody(Reports.NewId("ratio-long"), Target, Unit, 1000, 100000, "2025-09-30", "浏览器测试：拖后腿排版"));
        var deadline = DateTime.UtcNow + KejiSite.HealthDeadline;
        while (!(await site.Api.GetJsonAsync($"/api/targets/{Target}"))["shortfalls"]!.AsArray().Any(s => s!["unit"]!.GetValue<string>() == Unit))
        {
            Assert.True(DateTime.UtcNow < deadline, "the roll-up never listed the unit as behind");
            await Task.Delay(50);
        }

        await using var browser = await site.NewPageAsync(1366, 900);
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, $"/targets/{Target}");
        var line = page.Locator($"#shortfalls [data-shortfall-unit=\"{Unit}\"]");
        await Assertions.Expect(line.Locator(".sh-v")).ToContainTextAsync("个百分点");
        await Assertions.Expect(line.Locator(".sh-gap")).ToBeVisibleAsync();

        // Every name on one line (its box no taller than one line of its text), every line's parts inside the panel.
        var names = await page.Locator("#shortfalls li .sh-name").EvaluateAllAsync<double[]>(
            "els => els.map(e => e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight === 'normal' ? 1.4 * parseFloat(getComputedStyle(e).fontSize) : getComputedStyle(e).lineHeight))");
        Assert.NotEmpty(names);
        Assert.All(names, lines => Assert.True(lines < 1.6, $"a name runs over {lines:0.0} lines"));
        // Every part's box and every run of its text (a nowrap phrase can run out of its own box).
        var spills = await page.Locator("#shortfalls li").EvaluateAllAsync<int>(@"els => els.filter(li => {
            const right = li.closest('.box').getBoundingClientRect().right + 0.5;
            const range = document.createRange();
            range.selectNodeContents(li);
            return [...li.querySelectorAll('*')].some(c => c.getBoundingClientRect().right > right)
                || [...range.getClientRects()].some(r => r.right > right);
        }).length");
        Assert.Equal(0, spills);
        await KejiSite.ScreenshotAsync(page, "target-shortfalls-ratio-1366", output);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task UnitPage_ListsItsOwn督办OneALineWithoutItsNameOnEach()
    {
        // Any unit with two live 督办 on the shared site (its seeded units raise several).
        var live = (await site.Api.GetJsonAsync("/api/alerts?state=live")).AsArray().Select(a => a!["unit"]!.GetValue<string>()).ToList();
        var unit = live.GroupBy(u => u).Where(g => g.Count() >= 2).Select(g => g.Key).FirstOrDefault();
        Assert.True(unit is not null, "no unit with two live 督办 on the test site");
        var name = (await site.Api.GetJsonAsync("/api/plan"))["units"]!.AsArray().Single(u => u!["id"]!.GetValue<string>() == unit)!["name"]!.GetValue<string>();

        await using var browser = await site.NewPageAsync(1366, 900);
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, $"/units/{unit}");
        var items = page.Locator("#alerts .alert-item");
        await Assertions.Expect(items.First).ToBeVisibleAsync();
        var lines = await items.EvaluateAllAsync<double[]>("els => els.map(e => e.getBoundingClientRect().top)");
        Assert.True(lines.Distinct().Count() == lines.Length, $"two 督办 share a line: {string.Join(", ", lines)}");
        foreach (var text in await items.AllInnerTextsAsync()) Assert.DoesNotContain(name, text);
        Assert.Empty(browser.PageErrors);
    }
}
