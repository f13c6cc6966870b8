using KejiLive.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>A target page, a unit page and the wall of a plan with more units than a page lists (300, generated; see
/// <see cref="LargeTargetSite"/>) in real Chromium: the breakdown is worst first across every unit and pages; the
/// shortfall list shows each unit's own light whichever page is loaded; a unit is found by typing its name; 督办 are
/// listed most severe first, bounded, with the total; a whole-item green far behind in points says why (the server's
/// sentence, not "未到黄灯线"); a laggard's tile and a card show every count inside their boxes at 1080p and 4K.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LargeTargetPageTests(KejiSite site, LargeTargetSite large, ITestOutputHelper output) : IClassFixture<LargeTargetSite>
{
    private static readonly Dictionary<string, string> LightText = new() { ["green"] = "绿灯", ["yellow"] = "黄灯", ["red"] = "红灯", ["grey"] = "暂无评价" };

    [Fact]
    public async Task TargetPage_WhenMoreUnitsThanAPage_ListsWorstFirstAcrossAllUnitsPagesAndShowsShortfallLights()
    {
        var target = LargeTargetSite.T0;
        var all = (await large.Api.GetJsonAsync($"/api/targets/{target}?limit=5000"))["units"]!.AsArray().Select(u => u!).ToList();
        var lights = all.ToDictionary(u => u["unit"]!.GetValue<string>(), u => u["light"]!.GetValue<string>());
        var worstFirst = all.Select((u, i) => (Unit: u, Position: i))
            .OrderBy(x => LightRank(x.Unit["light"]!.GetValue<string>()))
            .ThenBy(x => x.Unit["notReported"]!.GetValue<bool>() ? 0 : 1)
            .ThenBy(x => x.Unit["gapPoints"]!.GetValue<double>())
            .ThenBy(x => x.Position)
            .Select(x => x.Unit["unit"]!.GetValue<string>())
            .ToList();
        Assert.True(large.RedUnits.Count + large.TileUnits.Count > 50, "more red units than a page holds");

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(large.Silo.BaseAddress, $"/targets/{target}");
        var rows = page.Locator("#breakdown tbody tr[data-unit]");
        await Assertions.Expect(rows).ToHaveCountAsync(50);
        var pager = page.Locator("#breakdown-pager");
        // The one pager of every paged list (pager.js): the same wording and buttons as 督办台账 and 待核实.
        await Assertions.Expect(pager.Locator(".pager-text")).ToHaveTextAsync($"共 {LargeTargetSite.Units} 个单位，第 1–50 个（第 1/6 页）");
        Assert.Equal(["首页", "上一页", "下一页", "末页"], await pager.Locator("button.pager-btn").AllTextContentsAsync());
        Assert.Equal(worstFirst.Take(50), await UnitsAsync(rows));
        Assert.Equal("red", await rows.First.GetAttributeAsync("data-light"));

        // The shortfall list (largest 差额 first) shows each unit's own light and 较序时, also for units not on this page.
        var items = page.Locator("#shortfalls li[data-shortfall-unit]");
        await Assertions.Expect(items).ToHaveCountAsync(10);
        var shown = (await UnitsAsync(rows)).ToHashSet();
        var listed = await items.EvaluateAllAsync<string[][]>("els => els.map(e => [e.dataset.shortfallUnit, e.dataset.light, e.querySelector('.sh-gap')?.textContent ?? ''])");
        foreach (var (unit, light, gap) in listed.Select(l => (l[0], l[1], l[2])))
        {
            Assert.Equal(lights[unit], light);
            if (light != "grey") Assert.Contains(LightText[light], gap);
        }
        Assert.Contains(listed, l => l[1] == "red" && !shown.Contains(l[0]));
        await Assertions.Expect(page.Locator("#reporting")).ToContainTextAsync($"{LargeTargetSite.Units} 个单位已有报送");

        // 督办: most severe first, at most 50 listed, the total said.
        var alerts = page.Locator("#alerts li.alert-item");
        var severities = await alerts.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.severity)");
        Assert.InRange(severities.Length, 0, 50);
        Assert.Equal(severities.OrderBy(SeverityRank), severities);
        if (severities.Length > 0) await Assertions.Expect(page.Locator("#alerts-count")).ToContainTextAsync("共");

        await KejiSite.ScreenshotAsync(page, "large-target-page-1", output, fullPage: true);

        // The next page continues the same order across every unit.
        await page.Locator("#breakdown-pager button[data-page=next]").ClickAsync();
        await Assertions.Expect(pager).ToContainTextAsync("第 51–100 个");
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-unit", worstFirst[50]);
        Assert.Equal(worstFirst.Skip(50).Take(50), await UnitsAsync(rows));
        await page.Locator("#breakdown-pager button[data-page=last]").ClickAsync();
        await Assertions.Expect(pager).ToContainTextAsync($"第 251–{LargeTargetSite.Units} 个");
        Assert.Equal(worstFirst.Skip(250), await UnitsAsync(rows));
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task TargetPage_WhenMoreUnitsThanAPage_FindsAUnitByTypingItsName()
    {
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(large.Silo.BaseAddress, $"/targets/{LargeTargetSite.T0}");
        Assert.Equal(0, await page.Locator("#unit-select").CountAsync());
        var search = page.Locator("#unit-search");
        await search.FillAsync("第12县");
        var suggestion = page.Locator("#unit-suggest li[data-unit=u0012]");
        await Assertions.Expect(suggestion).ToBeVisibleAsync();
        Assert.InRange(await page.Locator("#unit-suggest li").CountAsync(), 1, 12);
        await suggestion.ClickAsync();
        await Assertions.Expect(page.Locator("#summary")).ToHaveAttributeAsync("data-unit", "u0012");
        await Assertions.Expect(page.Locator("#chart-title")).ToContainTextAsync("第12县");
        Assert.Contains("unit=u0012", page.Url);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task UnitAndTargetPages_WhenAWholeItemTargetIsGreenFarBehindInPoints_ShowTheServersReason()
    {
        var unit = large.WholeItemUnit;
        var target = LargeTargetSite.T1;
        Assert.NotEqual("", unit);
        var snapshot = await large.Api.GetJsonAsync($"/api/targets/{target}/{unit}");
        var explanation = snapshot["explanation"]!.GetValue<string>();
        Assert.Equal("green", snapshot["light"]!.GetValue<string>());
        Assert.True(snapshot["gapPoints"]!.GetValue<double>() < -30, "far behind in points: the red band");
        Assert.StartsWith("按整项判断", explanation);
        // The badge comes from the kind's code, the tooltip is the sentence.
        Assert.Equal("whole-items", snapshot["explanationCode"]!.GetValue<string>());

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(large.Silo.BaseAddress, $"/units/{unit}");
        var row = page.Locator($"#scorecard tr[data-target=\"{target}\"]");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-light", "green");
        var reason = row.Locator(".tag[data-reason]");
        await Assertions.Expect(reason).ToHaveTextAsync("按整项判断");
        await Assertions.Expect(reason).ToHaveAttributeAsync("title", explanation);
        await Assertions.Expect(row).Not.ToContainTextAsync("黄灯线");

        // The target page of that unit (a large target: the unit is not on the first page) says the same.
        await browser.OpenLiveAsync(large.Silo.BaseAddress, $"/targets/{target}?unit={unit}");
        var summary = page.Locator("#summary");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-unit", unit);
        await Assertions.Expect(summary.Locator(".tag.why")).ToHaveTextAsync("按整项判断");
        await Assertions.Expect(summary.Locator(".tag.why")).ToHaveAttributeAsync("title", explanation);
        Assert.Empty(browser.PageErrors);
    }

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(3840, 2160)]
    public async Task Wall_WhenALaggardIsRedYellowAndAwaitsReview_TileAndCardShowEveryCountInsideTheirBoxes(int width, int height)
    {
        await using var browser = await site.NewPageAsync(width, height);
        var page = browser.Page;
        await browser.OpenLiveAsync(large.Silo.BaseAddress, "/wall");
        await Assertions.Expect(page.Locator("#units .unit")).ToHaveCountAsync(20, new() { Timeout = 30_000 });
        var tiles = large.TileUnits.Select(u => page.Locator($"#units .unit[data-unit=\"{u}\"]")).ToList();
        await Assertions.Expect(tiles[0]).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var checkedTiles = 0;
        foreach (var (tile, unit) in tiles.Zip(large.TileUnits))
        {
            if (await tile.CountAsync() == 0) continue;
            var card = await large.Api.GetJsonAsync($"/api/units/{unit}");
            var targets = card["targets"]!.AsArray().Select(t => t!).ToList();
            var red = targets.Count(t => t["light"]!.GetValue<string>() == "red");
            var yellow = targets.Count(t => t["light"]!.GetValue<string>() == "yellow");
            var review = targets.Count(t => t["pendingReview"]!.GetValue<bool>());
            Assert.True(red > 0 && yellow > 0 && review > 0, $"{unit}: red {red}, yellow {yellow}, 待核实 {review}");
            var reason = tile.Locator(".ureason");
            await Assertions.Expect(reason).ToContainTextAsync($"红灯 {red} 项");
            await Assertions.Expect(reason).ToContainTextAsync($"黄灯 {yellow} 项");
            await Assertions.Expect(reason).ToContainTextAsync($"待核实 {review}");
            checkedTiles++;
        }
        Assert.True(checkedTiles > 0, "a laggard with red, yellow and 待核实 targets is on the wall");

        // Every tile's own text lies inside the tile (the 未报送 badge sits on its corner by design).
        var spills = await page.Locator("#units .unit").EvaluateAllAsync<string[]>("""
            tiles => tiles.flatMap(t => {
              const box = t.getBoundingClientRect();
              return [...t.querySelectorAll('.uname, .uscore, .ureason, .ureason-part')]
                .filter(e => { const r = e.getBoundingClientRect();
                  return r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1; })
                .map(e => `${t.dataset.unit}: ${e.className} '${e.textContent}'`);
            })
            """);
        Assert.Empty(spills);

        // The first target's card: how many units are red and how many figures await review, both whole and inside it.
        var expectedRed = (await large.Api.GetJsonAsync($"/api/targets/{LargeTargetSite.T0}?limit=1"))["city"]!["unitsRed"]!.GetValue<int>();
        var cardBox = page.Locator($".card[data-target=\"{LargeTargetSite.T0}\"]");
        await Assertions.Expect(cardBox.Locator(".red-units")).ToHaveTextAsync($"{expectedRed} 个单位红灯");
        await Assertions.Expect(cardBox.Locator(".review")).ToHaveTextAsync($"待核实 {large.TileUnits.Count}");
        var cut = await cardBox.EvaluateAsync<string[]>("""
            card => {
              const box = card.getBoundingClientRect();
              return [...card.querySelectorAll('.red-units, .review, .figure')].filter(e => {
                const r = e.getBoundingClientRect();
                return e.scrollWidth > e.clientWidth + 1 || r.width === 0 || r.left < box.left - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1;
              }).map(e => `${e.className} '${e.textContent}'`);
            }
            """);
        Assert.Empty(cut);
        await KejiSite.ScreenshotAsync(page, $"large-wall-{width}x{height}", output);
        Assert.Empty(browser.PageErrors);
    }

    private static async Task<List<string>> UnitsAsync(ILocator rows) =>
        [.. await rows.EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.unit)")];

    private static int LightRank(string light) => light switch { "red" => 0, "yellow" => 1, "green" => 2, _ => 3 };

    private static int SeverityRank(string severity) => severity switch { "red" => 0, "orange" => 1, "yellow" => 2, _ => 3 };
}
