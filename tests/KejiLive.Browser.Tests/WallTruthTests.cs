using System.Globalization;
using System.Text.RegularExpressions;
using KejiLive.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>What misled users on the wall and its pages: the city card's light is the city's own (its 序时进度) with the
/// red units counted beside it; a unit tile keeps its 赛马 place through live updates and says why it has its colour;
/// the unit page keeps its rank; a grey light shows no gap; no "pp"; the milestone tasks have their own page in the
/// rotation, laid out in rows (no vertical text, no duplicate rows).</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class WallTruthTests(KejiSite site, ITestOutputHelper output)
{
    /// <summary>A pair no other browser test reports on: tech-smes is seeded for 360783 at 35 % of its due share.</summary>
    private const string Target = "tech-smes";
    private const string Unit = "360783";

    [Fact]
    public async Task WallCityCards_ShowTheCitysOwnScheduleLightWithRedUnitsCounted_AndNoPp()
    {
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/wall");
        var plan = await site.Api.GetJsonAsync("/api/plan");
        var overlays = plan["units"]!.AsArray().Where(u => u!["kind"]!.GetValue<string>() == "overlay").Select(u => u!["id"]!.GetValue<string>()).ToHashSet();
        var checkedCards = 0;
        foreach (var t in plan["targets"]!.AsArray().Where(t => t!["group"]!.GetValue<string>() == "main"))
        {
            var id = t!["id"]!.GetValue<string>();
            var kind = t["kind"]!.GetValue<string>();
            var detail = await site.Api.GetJsonAsync($"/api/targets/{id}");
            var city = detail["city"]!;
            var light = city["light"]!.GetValue<string>();
            var card = page.Locator($"#cards [data-target=\"{id}\"]");
            await Assertions.Expect(card).ToHaveAttributeAsync("data-light", light);
            if (light == "grey") await Assertions.Expect(card.Locator(".gap")).ToHaveTextAsync("");
            if (kind is "rank" or "milestone" || city["reportCount"]!.GetValue<int>() == 0) continue;

            // The city's light follows its own gap against the thresholds (hysteresis can only hold a worse light
            // within its band): never red above the red line, never green at or below the yellow line.
            var gap = city["gapPoints"]!.GetValue<double>();
            var th = t["thresholds"]!;
            double y = th["yellowPoints"]!.GetValue<double>(), r = th["redPoints"]!.GetValue<double>(), hy = th["hysteresisPoints"]!.GetValue<double>();
            const double Eps = 1e-6; // the domain counts a gap within 1e-9 of a line as on it
            var allowed = gap <= -r - Eps ? ["red"] : gap <= -y - Eps ? ["yellow", "red"] : gap <= -y + hy + Eps ? new[] { "green", "yellow", "red" } : ["green"];
            Assert.True(allowed.Contains(light), $"{id}: the city's gap is {gap:F1} points (yellow {y}, red {r}) but its light is {light}");

            var red = detail["units"]!.AsArray().Count(u => u!["light"]!.GetValue<string>() == "red" && !overlays.Contains(u["unit"]!.GetValue<string>()));
            if (red > 0) await Assertions.Expect(card.Locator(".red-units")).ToHaveTextAsync($"{red} 个单位红灯");
            else Assert.Equal(0, await card.Locator(".red-units").CountAsync());
            checkedCards++;
        }
        Assert.True(checkedCards >= 3, $"only {checkedCards} cards had figures to check");
        var text = await page.Locator("#cards").InnerTextAsync();
        Assert.DoesNotContain("pp", text, StringComparison.Ordinal);
        Assert.Contains("个百分点", text, StringComparison.Ordinal);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task UnitTileAndUnitPage_WhenTheUnitsCardChangesLive_KeepTheRankTheRankingShows()
    {
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/wall");
        var tile = page.Locator($"#units .unit[data-unit=\"{Unit}\"]");
        var score = tile.Locator(".uscore");
        await Assertions.Expect(score).ToContainTextAsync("名");
        var before = await score.InnerTextAsync();
        await AssertTileMatchesRankingAsync(page, tile);
        await AssertTileReasonAsync(tile);

        // A report raises the unit's score: its own card comes live (without a place) and the ranking may move.
        var raised = await site.Api.UnitActualAsync(Target, Unit) + 6;
        await site.Api.PostCreatedAsync(Reports.Body(Reports.NewId("rank"), Target, Unit, raised, note: "浏览器测试：名次"));
        await Assertions.Expect(score).Not.ToHaveTextAsync(before, new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        // The card reaches the ranking, and the ranking the wall, by one-way, batched messages behind the first change:
        // wait for the place the settled ranking gives, on the server and then on the page, instead of a fixed pause.
        var place = (await SettledRankAsync(raised)).ToString(CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator($"#ranking li[data-rank-unit=\"{Unit}\"]")).ToHaveAttributeAsync("data-rank", place,
            new LocatorAssertionsToHaveAttributeOptions { Timeout = 10_000 });
        await Assertions.Expect(score).ToContainTextAsync($"第{place}名", new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });
        await AssertTileMatchesRankingAsync(page, tile);
        await AssertTileReasonAsync(tile);

        // The unit page: the rank stays through the unit's own live card.
        await browser.OpenLiveAsync(site.Silo.BaseAddress, $"/units/{Unit}");
        var rank = page.Locator("#summary .rank");
        await Assertions.Expect(rank).ToContainTextAsync(RankPattern());
        var row = page.Locator($"#scorecard tr[data-target=\"{Target}\"] td.actual");
        var actualBefore = await row.InnerTextAsync();
        var again = await site.Api.UnitActualAsync(Target, Unit) + 4;
        await site.Api.PostCreatedAsync(Reports.Body(Reports.NewId("rank"), Target, Unit, again, note: "浏览器测试：名次"));
        await Assertions.Expect(row).Not.ToHaveTextAsync(actualBefore, new LocatorAssertionsToHaveTextOptions { Timeout = 10_000 });
        var expected = await SettledRankAsync(again);
        await Assertions.Expect(rank).ToContainTextAsync($"第{expected}名", new LocatorAssertionsToContainTextOptions { Timeout = 10_000 });
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task TargetPage_ShortfallsShowEachUnitsOwnLightAndGreyShowsNoGap()
    {
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/targets/hi-tech-enterprises");
        var rows = page.Locator("#breakdown tr[data-unit]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var detail = await site.Api.GetJsonAsync("/api/targets/hi-tech-enterprises");
        foreach (var u in detail["units"]!.AsArray())
        {
            var id = u!["unit"]!.GetValue<string>();
            var row = page.Locator($"#breakdown tr[data-unit=\"{id}\"]");
            await Assertions.Expect(row).ToHaveAttributeAsync("data-light", u["light"]!.GetValue<string>());
            if (u["light"]!.GetValue<string>() == "grey") await Assertions.Expect(row.Locator("td.gap")).ToHaveTextAsync("—");
        }
        var shortfalls = page.Locator("#shortfalls li[data-shortfall-unit]");
        await Assertions.Expect(shortfalls.First).ToBeVisibleAsync();
        var listed = await shortfalls.EvaluateAllAsync<string[][]>("els => els.map(e => [e.dataset.shortfallUnit, e.dataset.light])");
        foreach (var x in listed)
        {
            var own = detail["units"]!.AsArray().Single(u => u!["unit"]!.GetValue<string>() == x[0])!["light"]!.GetValue<string>();
            Assert.Equal(own, x[1]);
        }
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task MilestonePage_ListsEveryTaskInRowsByMonthAndIsInTheKioskRotation()
    {
        var plan = await site.Api.GetJsonAsync("/api/plan");
        var tasks = plan["targets"]!.AsArray().Where(t => t!["kind"]!.GetValue<string>() == "milestone").ToList();
        var nodes = tasks.SelectMany(t => t!["milestones"]!.AsArray()).ToList();
        var today = KejiSite.ClockNow[..10];
        // Nothing reports a milestone done in the shared site: every node due before today is overdue.
        var overdue = nodes.Count(m => string.CompareOrdinal(m!["due"]!.GetValue<string>(), today) < 0);

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/wall/milestones");
        var rows = page.Locator("#ms-table tbody tr[data-target]");
        await Assertions.Expect(rows).ToHaveCountAsync(tasks.Count);
        var ids = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.target)");
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(tasks.Select(t => t!["id"]!.GetValue<string>()).Order(), ids.Order());
        await Assertions.Expect(page.Locator("#ms-table .ms-chip")).ToHaveCountAsync(nodes.Count);
        var summary = page.Locator("#ms-summary");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-overdue", overdue.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(overdue, await page.Locator("#ms-table .ms-chip[data-status=overdue]").CountAsync());
        await Assertions.Expect(page.Locator("#ms-head th.now")).ToHaveTextAsync("10月");

        // Rows, not vertical text: every task name is one line, wider than tall.
        var shapes = await page.Locator("#ms-table td.name").EvaluateAllAsync<double[][]>("tds => tds.map(td => { const r = td.getBoundingClientRect(); return [r.width, r.height, parseFloat(getComputedStyle(td).fontSize)]; })");
        Assert.All(shapes, s => Assert.True(s[0] > s[1] * 3 && s[1] < s[2] * 2.6, $"a task cell is {s[0]:F0}×{s[1]:F0} px"));
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollHeight > innerHeight + 1 || document.documentElement.scrollWidth > innerWidth + 1");
        Assert.False(overflow, "the milestone page scrolls at 1920×1080");
        Assert.DoesNotMatch(@"\b(null|undefined|NaN)\b", await page.Locator("body").InnerTextAsync());
        // The header's clock is the plan clock from the first moment it shows anything.
        Assert.Contains(KejiSite.ClockNow[..4] + "年", await page.Locator("#clock").InnerTextAsync());
        await KejiSite.ScreenshotAsync(page, "wall-milestones-1920x1080", output);

        // The milestone target's own page: one row for its one owner (no 全市合计 twin) and its nodes listed flat.
        var lab = tasks.First(t => t!["id"]!.GetValue<string>() == "advanced-metals-lab")!;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/targets/advanced-metals-lab");
        await Assertions.Expect(page.Locator("#breakdown tbody tr")).ToHaveCountAsync(1);
        var items = page.Locator("#shortfalls li[data-milestone]");
        await Assertions.Expect(items).ToHaveCountAsync(lab["milestones"]!.AsArray().Count);
        var heights = await items.EvaluateAllAsync<double[]>("ls => ls.map(l => l.getBoundingClientRect().height / parseFloat(getComputedStyle(l).fontSize))");
        Assert.All(heights, h => Assert.True(h < 3.5, $"a node line is {h:F1} em tall (vertical text?)"));

        // The wall's default kiosk rotation goes to the milestone page next.
        await page.GotoAsync(new Uri(site.Silo.BaseAddress, "/wall?kiosk=1&rotate=5").ToString());
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/wall/milestones", new PageWaitForURLOptions { Timeout = 20_000 });
        Assert.Empty(browser.PageErrors);
    }

    /// <summary>Waits (bounded) until the unit's figure <paramref name="actual"/> on <see cref="Target"/> has reached its
    /// scorecard and its card the ranking (one-way, batched messages behind the 201), and returns the place the ranking
    /// gives the unit. Fails with the last scorecard and ranking entry.</summary>
    private async Task<int> SettledRankAsync(double actual)
    {
        var deadline = Environment.TickCount64 + 15_000;
        while (true)
        {
            var entry = (await site.Api.GetJsonAsync("/api/ranking"))["units"]!.AsArray().FirstOrDefault(e => e!["unit"]!.GetValue<string>() == Unit);
            var card = await site.Api.GetJsonAsync($"/api/units/{Unit}");
            var reported = card["targets"]!.AsArray().Single(t => t!["target"]!.GetValue<string>() == Target)!["actual"]?.GetValue<double>();
            if (entry is not null && reported == actual && card["score"]?.GetValue<double>() == entry["score"]!.GetValue<double>()
                && card["rank"]?.GetValue<int>() == entry["rank"]!.GetValue<int>())
            {
                return entry["rank"]!.GetValue<int>();
            }
            if (Environment.TickCount64 > deadline)
            {
                throw new TimeoutException($"{Unit}'s figure {actual} did not settle in its scorecard and the ranking within 15 s; last scorecard {card.ToJsonString()}, ranking entry {entry?.ToJsonString() ?? "none"}");
            }
            await Task.Delay(50);
        }
    }

    private static async Task AssertTileMatchesRankingAsync(IPage page, ILocator tile)
    {
        var unit = await tile.GetAttributeAsync("data-unit");
        var place = await page.Locator($"#ranking li[data-rank-unit=\"{unit}\"]").GetAttributeAsync("data-rank");
        Assert.False(string.IsNullOrEmpty(place), $"{unit} has no place in the ranking list");
        var text = await tile.Locator(".uscore").InnerTextAsync();
        Assert.Matches(RankPattern(), text);
        Assert.Equal(place, RankPattern().Match(text).Groups[1].Value);
    }

    /// <summary>A red or yellow tile names how many of its targets are red / yellow (its light is the worst one's), as
    /// the unit's scorecard counts them; grey shows no figure.</summary>
    private async Task AssertTileReasonAsync(ILocator tile)
    {
        var light = await tile.GetAttributeAsync("data-light");
        var unit = await tile.GetAttributeAsync("data-unit");
        var card = await site.Api.GetJsonAsync($"/api/units/{unit}");
        var lights = card["targets"]!.AsArray().Select(t => t!["light"]!.GetValue<string>()).ToList();
        Assert.Equal(card["worstLight"]!.GetValue<string>(), light);
        var reason = tile.Locator(".ureason");
        if (light is "red") await Assertions.Expect(reason).ToContainTextAsync($"红灯 {lights.Count(l => l == "red")} 项");
        else if (light is "yellow") await Assertions.Expect(reason).ToContainTextAsync($"黄灯 {lights.Count(l => l == "yellow")} 项");
        else if (light is "grey") await Assertions.Expect(tile.Locator(".uscore")).ToHaveTextAsync("暂无评价");
    }

    [GeneratedRegex(@"第(\d+)名")]
    private static partial Regex RankPattern();
}
