using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KejiLive.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>What leaders misread on the wall at the screens it hangs on (1366×768, 1920×1080): a green light beside a
/// red 较序时 with no words (a target split one item per unit), names and tags cut off or over a tile's border, the
/// 判灯依据 sentence set in KPI type, a ratio unit "差 0 个百分点" behind, and the ticker's "最久待答复 … 0 天". Pairs
/// owned here: maturation-projects × 360702 and enterprise-rd-ratio × 360702, which no other browser test reports on.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class WallLegibilityTests(KejiSite site, ITestOutputHelper output)
{
    private const string ItemTarget = "maturation-projects";
    private const string RatioTarget = "enterprise-rd-ratio";
    private const string Unit = "360702";

    /// <summary>Red as the pages set a gap behind plan (#ff7a90 and var(--red) #f43f5e): strong red, weak green.</summary>
    private const string IsReddish = "e => { const [r, g] = getComputedStyle(e).color.match(/\\d+/g).map(Number); return r > 200 && g < 160; }";

    [Fact]
    public async Task ItemTargetGreenFarBehindInPoints_OnTheWallAndItsPage_SaysWhyAndPrintsNoRedGap()
    {
        // One unit reports its first 0 of 1: the city owes no whole item yet (each unit owes its one by year end), so it is
        // green while 0 of 8 is far behind the 62.5% step of 30 September.
        await site.Api.PostCreatedAsync(Reports.Body(Reports.NewId("items-green"), ItemTarget, Unit, 0, note: "浏览器测试：按整项计"));
        var city = await UntilCityAsync(ItemTarget, c => c["reportCount"]!.GetValue<int>() >= 1);
        Assert.Equal("green", city["light"]!.GetValue<string>());
        Assert.True(city["gapPoints"]!.GetValue<double>() < -30, $"the city should be far behind in points: {city.ToJsonString()}");
        var explanation = city["explanation"]!.GetValue<string>();

        await using var browser = await site.NewPageAsync(1366, 768);
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/wall");
        var card = page.Locator($"#cards [data-target=\"{ItemTarget}\"]");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-light", "green");
        await Assertions.Expect(card.Locator(".gap")).ToContainTextAsync("−");
        Assert.False(await card.Locator(".gap").EvaluateAsync<bool>(IsReddish), "a red 较序时 beside the green light");
        var why = card.Locator(".card-why");
        await Assertions.Expect(why).ToBeVisibleAsync();
        await Assertions.Expect(why).ToContainTextAsync("整项");
        await Assertions.Expect(why).ToHaveAttributeAsync("title", explanation);
        Assert.True(await why.EvaluateAsync<bool>("e => e.getBoundingClientRect().bottom <= e.closest('.card').getBoundingClientRect().bottom + 0.5"),
            "the reason runs out of the card");
        await KejiSite.ScreenshotAsync(page, "wall-items-green-1366x768", output);

        await page.GotoAsync(new Uri(site.Silo.BaseAddress, $"/targets/{ItemTarget}").ToString());
        var summary = page.Locator("#summary");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-light", "green");
        var gap = summary.Locator(".kpi .v.gap");
        await Assertions.Expect(gap).ToContainTextAsync("个百分点");
        Assert.False(await gap.EvaluateAsync<bool>(IsReddish), "a red 较序时 beside the green light on the target page");
        await Assertions.Expect(summary.Locator(".tag.why")).ToHaveTextAsync("按应完成整项");
        // The 判灯依据 is a sentence in body type across the summary, not a figure in KPI type squeezed into a column.
        var basis = summary.Locator(".kpi.why").Filter(new LocatorFilterOptions { HasText = "判灯依据" }).Locator(".v");
        await Assertions.Expect(basis).ToHaveTextAsync(explanation);
        var type = await basis.EvaluateAsync<double[]>(
            "e => [parseFloat(getComputedStyle(e).fontSize), parseInt(getComputedStyle(e).fontWeight), parseFloat(getComputedStyle(document.querySelector('#summary .kpi .v.rate')).fontSize)]");
        Assert.True(type[1] < 600 && type[0] < type[2] * 0.7, $"判灯依据 set at {type[0]}px weight {type[1]} (完成率 {type[2]}px)");
        Assert.Empty(browser.PageErrors);
    }

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(1920, 1080)]
    public async Task Wall_AtALeadersScreenSize_ShowsEveryTextWholeInsideItsTileWithoutScrolling(int width, int height)
    {
        await using var browser = await site.NewPageAsync(width, height);
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/wall");
        await Assertions.Expect(page.Locator("#units [data-unit]")).ToHaveCountAsync(20);
        await Assertions.Expect(page.Locator("#ranking li").First).ToBeVisibleAsync();
        await page.EvaluateAsync("() => document.fonts.ready");

        // Cut text: anything the wall clips with … or a line clamp holds more than it shows.
        var cut = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('#cards *, #units *, #ranking *, .wall-head *')].filter(e => {
              const s = getComputedStyle(e);
              const clips = s.textOverflow === 'ellipsis' || s.webkitLineClamp !== 'none';
              return clips && e.textContent.trim() && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1);
            }).map(e => e.textContent.trim())
            """);
        Assert.True(cut.Length == 0, $"cut off at {width}×{height}: {string.Join("; ", cut)}");

        // The 高新区 tag stays inside its host's tile and clear of every other tile.
        var strays = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('.overlay-tag')].flatMap(tag => {
              const t = tag.getBoundingClientRect(), own = tag.closest('.unit-wrap');
              const w = own.getBoundingClientRect();
              const out = t.left < w.left - .5 || t.right > w.right + .5 || t.top < w.top - .5 || t.bottom > w.bottom + .5 ? [`${tag.textContent} outside its tile`] : [];
              for (const other of document.querySelectorAll('.unit-wrap')) {
                if (other === own) continue;
                const o = other.getBoundingClientRect();
                if (t.left < o.right && t.right > o.left && t.top < o.bottom && t.bottom > o.top) out.push(`${tag.textContent} over ${other.textContent}`);
              }
              return out;
            })
            """);
        Assert.True(strays.Length == 0, string.Join("; ", strays));
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > innerHeight + 1 || document.documentElement.scrollWidth > innerWidth + 1");
        Assert.False(overflow, $"the wall scrolls at {width}×{height}");
        await KejiSite.ScreenshotAsync(page, $"wall-legible-{width}x{height}", output);
    }

    [Fact]
    public async Task RatioShortfallBelowOneHundredthOfAPoint_OnTheTargetPage_ReadsLessThanNotZero()
    {
        // 1.716% against the unit's 1.72%: 0.004 points behind, which two decimals round to 0.
        await site.Api.PostCreatedAsync(Reports.RatioBody(Reports.NewId("ratio-tiny"), RatioTarget, Unit, 1716, 100000, "2025-09-30", "浏览器测试：比重差额"));
        await UntilAsync($"/api/targets/{RatioTarget}", t => t["shortfalls"]!.AsArray().Any(s => s!["unit"]!.GetValue<string>() == Unit));

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, $"/targets/{RatioTarget}");
        var line = page.Locator($"#shortfalls [data-shortfall-unit=\"{Unit}\"] .sh-v");
        await Assertions.Expect(line).ToContainTextAsync("差不足 0.01 个百分点");
        Assert.DoesNotMatch(ZeroPoints(), await line.InnerTextAsync());
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task WallTicker_WhenTheOldestUnansweredAlertOpenedToday_SaysLessThanOneDayNotZero()
    {
        // The site's clock is pinned: the 督办 its seeded units raised opened at its start, today in plan time.
        await using var browser = await site.NewPageAsync(1366, 768);
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/wall");
        var oldest = page.Locator("#alert-summary .sum-oldest");
        await Assertions.Expect(oldest).ToHaveAttributeAsync("data-age-days", new Regex(@"^\d+$"));
        var days = int.Parse(await oldest.GetAttributeAsync("data-age-days") ?? "", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, days);
        await Assertions.Expect(oldest).ToContainTextAsync("不足 1 天");
        Assert.DoesNotMatch(ZeroDays(), await oldest.InnerTextAsync());
    }

    [GeneratedRegex(@"\b0\s*天")]
    private static partial Regex ZeroDays();

    [GeneratedRegex(@"差\s*0\s*个百分点")]
    private static partial Regex ZeroPoints();

    private async Task<JsonNode> UntilCityAsync(string target, Func<JsonNode, bool> done) =>
        (await UntilAsync($"/api/targets/{target}", t => done(t["city"]!)))["city"]!;

    /// <summary>Reads <paramref name="path"/> until <paramref name="done"/> holds (the roll-up hears of a report one-way
    /// after its 201), bounded by the site's health deadline.</summary>
    private async Task<JsonNode> UntilAsync(string path, Func<JsonNode, bool> done)
    {
        var deadline = DateTime.UtcNow + KejiSite.HealthDeadline;
        while (true)
        {
            var json = await site.Api.GetJsonAsync(path);
            if (done(json)) return json;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"GET {path} never showed what the test waits for: {json.ToJsonString()}");
            await Task.Delay(50);
        }
    }
}
