using System.Diagnostics;
using KejiLive.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>The wall (大屏) in real Chromium against the shared real silo: Chinese names in a CJK font, the 20 units,
/// the 示例数据 badge, a report reaching the right card within a second, and screenshots at 1080p and 4K.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WallTests(KejiSite site, ITestOutputHelper output)
{
    /// <summary>Unit cells on the wall: 18 county-level divisions and 2 zones (赣州高新区 is an overlay tag, not a cell).</summary>
    private const int WallUnits = 20;

    [Fact]
    public async Task Wall_WhenOpened_ShowsChineseTargetNamesInACjkFontWith20UnitsAndSampleBadge()
    {
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/wall");

        var hiTech = page.Locator("[data-target=\"hi-tech-enterprises\"]");
        await Assertions.Expect(hiTech).ToContainTextAsync("新认定高新技术企业");
        var plan = await site.Api.GetJsonAsync("/api/plan");
        var lights = new List<string>();
        foreach (var target in plan["targets"]!.AsArray().Where(t => t!["group"]!.GetValue<string>() == "main"))
        {
            var id = target!["id"]!.GetValue<string>();
            var card = page.Locator($"[data-target=\"{id}\"]");
            await Assertions.Expect(card.Locator(".name")).ToHaveTextAsync(target["name"]!.GetValue<string>());
            // The light the card shows is the light the server judged for the city (a wrong or stale light fails here).
            var light = (await site.Api.GetJsonAsync($"/api/targets/{id}"))["city"]!["light"]!.GetValue<string>();
            await Assertions.Expect(card).ToHaveAttributeAsync("data-light", light);
            lights.Add(light);
        }
        // The seeded site has units far behind: a wall showing one colour everywhere is not judging.
        Assert.True(lights.Distinct().Count() > 1, $"every card shows {lights[0]}");

        var units = page.Locator("[data-unit]");
        await Assertions.Expect(units).ToHaveCountAsync(WallUnits);
        foreach (var unit in await units.EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.unit)"))
        {
            var worst = (await site.Api.GetJsonAsync($"/api/units/{unit}"))["worstLight"]!.GetValue<string>();
            await Assertions.Expect(page.Locator($"#units [data-unit=\"{unit}\"]")).ToHaveAttributeAsync("data-light", worst);
        }
        await Assertions.Expect(page.Locator("[data-overlay=\"gxq\"]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#sample-badge")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#sample-badge")).ToHaveTextAsync("示例数据");
        await Assertions.Expect(page.Locator("#data-as-of")).ToContainTextAsync("数据截至 2025年");

        // The CJK check: two different glyphs at 64 px in the site's font stack. Missing CJK fonts draw both as the same
        // empty box, so identical images mean the names above are boxes on the wall too.
        await using var blank = await site.NewPageAsync(400, 200);
        await blank.Page.GotoAsync(new Uri(site.Silo.BaseAddress, "/health").ToString());
        await blank.Page.SetContentAsync("""
            <!doctype html><html lang="zh-CN"><head><link rel="stylesheet" href="/css/base.css"></head>
            <body style="background:#fff;color:#000">
            <span id="g1" style="display:inline-block;font-size:64px;line-height:1;padding:8px">科</span>
            <span id="g2" style="display:inline-block;font-size:64px;line-height:1;padding:8px">技</span>
            </body></html>
            """);
        await blank.Page.EvaluateAsync("() => document.fonts.ready");
        var ke = await blank.Page.Locator("#g1").ScreenshotAsync();
        var ji = await blank.Page.Locator("#g2").ScreenshotAsync();
        Assert.False(ke.AsSpan().SequenceEqual(ji), "科 and 技 render as identical images at 64 px: no CJK font in the browser (install fonts-wqy-microhei).");
        var family = await blank.Page.Locator("#g1").EvaluateAsync<string>("e => getComputedStyle(e).fontFamily");
        output.WriteLine($"glyph PNGs: 科 {ke.Length} B, 技 {ji.Length} B; font-family {family}");

        Assert.Empty(browser.PageErrors);
        Assert.Empty(browser.Dialogs);
        Assert.DoesNotMatch(@"\b(null|undefined|NaN)\b", await page.Locator("body").InnerTextAsync());
        await KejiSite.ScreenshotAsync(page, "wall-1920x1080", output);
    }

    [Fact]
    public async Task WallCard_WhenAReportRaisesTheCityTotal_ShowsTheNewTotalWithinOneSecond()
    {
        const string Target = "talent-teams";
        const string Unit = "360702";
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/wall");
        var card = $"[data-target=\"{Target}\"]";
        var actual = page.Locator($"{card} .actual");
        await Assertions.Expect(actual).ToContainTextAsync(" / ");
        var before = await actual.InnerTextAsync();
        var otherBefore = await page.Locator("[data-target=\"hi-tech-enterprises\"] .actual").InnerTextAsync();

        var cityBefore = await site.Api.CityActualAsync(Target);
        Assert.True(before.StartsWith(Num(cityBefore) + " / ", StringComparison.Ordinal), $"the card shows '{before}' while the API says {cityBefore}");
        const int Raise = 3;
        var unitValue = await site.Api.UnitActualAsync(Target, Unit) + Raise;
        var expected = Num(cityBefore + Raise);

        // Wait in the page (polled every animation frame) from just before the POST, bounded by 1 s in all.
        var clock = Stopwatch.StartNew();
        var seen = page.WaitForFunctionAsync(
            "([sel, want]) => document.querySelector(sel)?.textContent.startsWith(want)",
            new[] { $"{card} .actual", expected + " / " },
            new PageWaitForFunctionOptions { Timeout = 1000 });
        await site.Api.PostCreatedAsync(Reports.Body(Reports.NewId("wall-1s"), Target, Unit, unitValue, note: "浏览器测试"));
        var posted = clock.Elapsed();
        try
        {
            await seen;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The {Target} card still shows '{await actual.InnerTextAsync()}' 1 s after the report (expected '{expected} / …').\n{browser.Describe()}", e);
        }
        var delay = clock.Elapsed();
        KejiSite.Record(output, $"report → wall card: {delay:F0} ms (POST answered after {posted:F0} ms)");

        Assert.Equal(Num(cityBefore + Raise), await page.Locator($"{card} .actual b").InnerTextAsync());
        Assert.Equal(otherBefore, await page.Locator("[data-target=\"hi-tech-enterprises\"] .actual").InnerTextAsync());
    }

    [Fact]
    public async Task Wall_WhenShownOnA4kScreen_FillsItAndKeepsTheLayout()
    {
        await using var browser = await site.NewPageAsync(3840, 2160);
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/wall");
        await Assertions.Expect(page.Locator("[data-unit]")).ToHaveCountAsync(WallUnits);

        // rem scales with the viewport: the headline is twice as tall as at 1080p, and nothing scrolls.
        var fontSize = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.documentElement).fontSize)");
        Assert.InRange(fontSize, 31.5, 32.5);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > innerHeight + 1 || document.documentElement.scrollWidth > innerWidth + 1");
        Assert.False(overflow, "the wall scrolls at 3840×2160");
        await KejiSite.ScreenshotAsync(page, "wall-3840x2160", output);
    }

    [Fact]
    public async Task KioskWall_WhenRotating_HasNoLinksNoCursorAndMovesToTheNextPageOfThePlaylist()
    {
        // The pages rotate at 5 s at the fastest (common.js ignores rotate < 5), so 5 is the shortest playlist step.
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        var clock = Stopwatch.StartNew();
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/wall?kiosk=1&rotate=5&playlist=/wall,/targets/tech-smes");
        await Assertions.Expect(page.Locator("[data-unit]")).ToHaveCountAsync(WallUnits);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('kiosk')"));
        Assert.Equal(0, await page.Locator("a").CountAsync());
        Assert.Equal("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).cursor"));
        Assert.Equal("none", await page.Locator("[data-target=\"tech-smes\"]").EvaluateAsync<string>("e => getComputedStyle(e).cursor"));

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/targets/tech-smes", new PageWaitForURLOptions { Timeout = 15_000 });
        KejiSite.Record(output, $"kiosk rotation /wall → /targets/tech-smes after {clock.Elapsed():F0} ms (rotate=5)");
        Assert.Contains("kiosk=1", page.Url, StringComparison.Ordinal);
        await browser.WaitConnectedAsync(20_000);
        await Assertions.Expect(page.Locator("#breakdown tr[data-unit]").First).ToBeVisibleAsync();
        // target.html carries its "← 大屏" crumb as a static <a class="crumb control">, hidden (not removed) in kiosk
        // mode; every link the scripts draw is a plain element there. No link may be visible or reachable by Tab.
        Assert.Equal(0, await page.Locator("a:visible").CountAsync());
        Assert.Equal(0, await page.Locator("#breakdown a, #shortfalls a").CountAsync());
        Assert.Equal("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).cursor"));
        Assert.False(await page.Locator("#unit-select").IsVisibleAsync(), "the unit selector is a control: hidden in kiosk mode");
    }

    /// <summary>A whole number as the wall writes it (zh-CN grouping).</summary>
    private static string Num(double value) => value.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);
}
