using KejiLive.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>The drill-down pages in real Chromium: a target (chart, per-unit breakdown with the overlay marked,
/// shortfalls) and a unit (scorecard, history), with text a unit typed shown as text, never run as HTML; both on a
/// 390 px phone, and a page for an id the plan does not have.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DrillDownTests(KejiSite site, ITestOutputHelper output)
{
    private const string Hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>";

    [Fact]
    public async Task TargetPage_WhenOpened_DrawsTheChartAndOneBreakdownRowPerUnitWithTheOverlayMarked()
    {
        const string Target = "hi-tech-enterprises";
        var city = await site.Api.GetJsonAsync($"/api/targets/{Target}");
        var units = city["units"]!.AsArray().Select(u => u!["unit"]!.GetValue<string>()).ToList();
        Assert.Contains("gxq", units);

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, $"/targets/{Target}");

        await Assertions.Expect(page.Locator("#target-name")).ToHaveTextAsync("新认定高新技术企业");
        // The header's clock is the plan clock, never the browser's own date.
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("2025年10月15日");
        await Assertions.Expect(page.Locator("#chart canvas").First).ToBeVisibleAsync();
        var rows = page.Locator("#breakdown tr[data-unit][data-light]");
        await Assertions.Expect(rows).ToHaveCountAsync(units.Count);
        var shown = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.unit)");
        Assert.Equal(units.Order(), shown.Order());

        var overlay = page.Locator("#breakdown tr[data-unit=\"gxq\"]");
        await Assertions.Expect(overlay).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\boverlay\b"));
        await Assertions.Expect(overlay.Locator(".tag.ov")).ToHaveTextAsync("含于赣县区");
        await Assertions.Expect(page.Locator("#breakdown tr.total")).ToContainTextAsync("全市合计");
        await Assertions.Expect(page.Locator("#summary")).ToHaveAttributeAsync("data-light", new System.Text.RegularExpressions.Regex("^(green|yellow|red)$"));
        // The 序时进度 says which date it was read at (截至数据日期): one date, or the span of the units' dates when they differ.
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(
            @"序时进度（(截至\d{4}年\d{1,2}月\d{1,2}日|各单位截至\d{4}年\d{1,2}月\d{1,2}日至(\d{4}年)?\d{1,2}月\d{1,2}日)）"));
        // On 15 October a third of the units have not reported against a step due on 30 September: they are the shortfall.
        await Assertions.Expect(page.Locator("#shortfalls li[data-shortfall-unit]").First).ToBeVisibleAsync();
        Assert.Empty(browser.PageErrors);

        // Let the chart's curve request land before the picture.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("2025年10月15日");
        // No value the page lacks is written out as a word ("null" stood beside 报送截至 when the city had no 判灯依据).
        Assert.DoesNotMatch(@"\b(null|undefined|NaN)\b", await page.Locator("body").InnerTextAsync());
        await KejiSite.ScreenshotAsync(page, $"target-{Target}", output, fullPage: true);
    }

    [Fact]
    public async Task TargetPage_ForAUnit_ExplainsTheYearEndForecastInOneSentence()
    {
        // Issue 17: beside 年底预计, 预计依据 says what the forecast was made from (the newest figures' pace, or the plan's
        // pace before a figure says anything of it).
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/targets/hi-tech-enterprises?unit=360704");

        var basis = page.Locator("#summary .kpi.why").Filter(new LocatorFilterOptions { HasText = "预计依据" });
        await Assertions.Expect(basis).ToHaveCountAsync(1);
        await Assertions.Expect(basis).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^预计依据(按.+推算余下进度|截至.+按计划进度).*预计年底约\d+家。$"));
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task UnitPage_WhenANoteHoldsHtml_ShowsItAsLiteralTextAndRunsNothing()
    {
        const string Unit = "360702";
        const string Target = "hi-tech-enterprises";
        var reportId = Reports.NewId("xss");
        var value = await site.Api.UnitActualAsync(Target, Unit) + 1;
        await site.Api.PostCreatedAsync(Reports.Body(reportId, Target, Unit, value, note: Hostile));
        var card = await site.Api.GetJsonAsync($"/api/units/{Unit}");
        var held = card["targets"]!.AsArray().Count;

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, $"/units/{Unit}");

        await Assertions.Expect(page.Locator("#unit-name")).ToHaveTextAsync("章贡区");
        await Assertions.Expect(page.Locator("#scorecard tr[data-target][data-light]")).ToHaveCountAsync(held);
        var note = page.Locator($"#history tr[data-report-id=\"{reportId}\"] td.note");
        await Assertions.Expect(note).ToHaveTextAsync(Hostile, new LocatorAssertionsToHaveTextOptions { UseInnerText = false });
        Assert.Equal(0, await page.Locator("#history img, #history script").CountAsync());
        Assert.Equal(0, await note.Locator("*").CountAsync());

        // An <img src=x> parsed as HTML would have fetched /units/x; its onerror would have opened a dialog.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 10_000 });
        Assert.DoesNotContain(browser.Requests, url => new Uri(url).AbsolutePath.EndsWith("/x", StringComparison.Ordinal));
        Assert.True(browser.Dialogs.Count == 0, $"a dialog fired: {browser.Describe()}");
        Assert.Empty(browser.PageErrors);
        await KejiSite.ScreenshotAsync(page, $"unit-{Unit}", output, fullPage: true);
    }

    [Fact]
    public async Task UnitPage_Of市本级_ShowsNoScoreAndSaysItIsNotInTheRace()
    {
        // 市本级 is judged (its milestone tasks have lights, so its card carries a score) but never ranked: the page read
        // "赛马得分 93.3 · 暂无排名", a place that never comes.
        var card = await site.Api.GetJsonAsync("/api/units/city");
        Assert.NotNull(card["score"]?.GetValue<double>());

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/units/city");

        await Assertions.Expect(page.Locator("#summary .kpi .v.rank")).ToHaveTextAsync("不参与赛马");
        await Assertions.Expect(page.Locator("#summary .kpi .v.score")).ToHaveTextAsync("—");
        Assert.Empty(browser.PageErrors);
    }

    [Theory]
    [InlineData("/targets/hi-tech-enterprises", "#target-name", "#target-meta")]
    [InlineData("/units/360723", "#unit-name", "#unit-meta")]
    public async Task DrillDownPage_OnAPhone390PxWide_FitsWithTheTitleOnLinesOfNormalWidth(string path, string title, string meta)
    {
        await using var browser = await site.NewPageAsync(width: 390, height: 844);
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, path);
        await Assertions.Expect(page.Locator("#summary .kpi").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("2025年10月15日");

        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, window.innerWidth, Math.ceil(Math.max(...[...document.querySelectorAll('.page-head *')].map(e => e.getBoundingClientRect().right)))]");
        Assert.True(widths[0] <= widths[1], $"page scrolls sideways: scrollWidth {widths[0]} > {widths[1]}");
        Assert.True(widths[2] <= widths[1], $"the header (clock, connection) reaches {widths[2]} px of {widths[1]}");
        // The title and the line under it (department, office) read across the phone, not a character a line.
        foreach (var selector in new[] { title, meta })
        {
            var (chars, lines) = await TextLinesAsync(page, selector);
            Assert.True(chars > 0, $"{selector} is empty");
            Assert.True(chars / (double)lines >= 6 || lines == 1, $"{selector}: {chars} characters on {lines} lines");
        }
        await KejiSite.ScreenshotAsync(page, $"drilldown-390{path.Replace('/', '-')}", output, fullPage: true);
        Assert.Empty(browser.PageErrors);
    }

    /// <summary>The characters of an element's text and the lines they are laid out on (the distinct tops of its
    /// characters' boxes).</summary>
    private static async Task<(int Chars, int Lines)> TextLinesAsync(IPage page, string selector)
    {
        var counts = await page.Locator(selector).EvaluateAsync<int[]>(@"el => {
            const tops = new Set();
            let chars = 0;
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (let i = 0; i < node.length; i++) {
                    if (/\s/.test(node.data[i])) continue;
                    const range = document.createRange();
                    range.setStart(node, i);
                    range.setEnd(node, i + 1);
                    const rect = range.getBoundingClientRect();
                    if (rect.width === 0) continue;
                    chars++;
                    tops.add(Math.round(rect.top));
                }
            }
            return [chars, tops.size];
        }");
        return (counts[0], counts[1]);
    }

    [Theory]
    [InlineData("/targets/nope", "#target-name", "目标")]
    [InlineData("/units/999", "#unit-name", "单位")]
    public async Task DrillDownPage_ForAnIdThePlanDoesNotHave_SaysSoAndStopsLoading(string path, string title, string kind)
    {
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync(new Uri(site.Silo.BaseAddress, path).ToString());

        var id = path[(path.LastIndexOf('/') + 1)..];
        await Assertions.Expect(page.Locator(title)).ToHaveTextAsync($"{kind}不存在");
        var missing = page.Locator("#missing");
        await Assertions.Expect(missing).ToContainTextAsync($"计划中没有编号为“{id}”的{kind}");
        await Assertions.Expect(missing.Locator("a[href='/']")).ToHaveTextAsync("返回首页");
        // Nothing is loading and nothing is connecting: no pill saying 连接中, no 正在载入, no dimmed numbers.
        await Assertions.Expect(page.Locator("#conn")).ToBeHiddenAsync();
        var shown = new LocatorAssertionsToContainTextOptions { UseInnerText = true };
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("正在载入", shown);
        await Assertions.Expect(page.Locator("body")).Not.ToContainTextAsync("连接中", shown);
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('stale')"));
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex($"^{kind}不存在"));
        await KejiSite.ScreenshotAsync(page, $"missing{path.Replace('/', '-')}", output);
        Assert.Empty(browser.PageErrors);
    }
}
