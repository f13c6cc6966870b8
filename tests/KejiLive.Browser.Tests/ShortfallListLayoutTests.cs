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
        await ReportOnePercentAsync("浏览器测试：拖后腿排版");

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
    public async Task RatioTarget_OnTheWallAndItsPage_ReadsItsGapInItsOwnPointsAgainstTheTarget()
    {
        // 研发投入强度 is itself a percentage: "较序时 −16.2 个百分点" (points of 完成率, what the light is judged on) read as
        // 16 points of R&D intensity, and its card said 序时100.0% all year. The pages now say how far the ratio is from
        // its target in its own points, and the target instead of 序时.
        var detail = await ReportOnePercentAsync("浏览器测试：比重读法");
        var unit = detail["units"]!.AsArray().Single(u => u!["unit"]!.GetValue<string>() == Unit)!;
        var unitGap = Math.Round(unit["actual"]!.GetValue<double>() - unit["annualTarget"]!.GetValue<double>(), 2);
        Assert.True(unitGap < -0.5, $"瑞金市 reads {unitGap} against its target");

        await using var browser = await site.NewPageAsync(1366, 900);
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/wall");
        var card = page.Locator($"#cards [data-target=\"{Target}\"]");
        await Assertions.Expect(card.Locator(".gap small").First).ToHaveTextAsync("较目标");
        await Assertions.Expect(card.Locator(".schedule")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^目标"));
        var city = await site.Api.GetJsonAsync($"/api/targets/{Target}");
        Assert.Equal(city["city"]!["light"]!.GetValue<string>(), await card.GetAttributeAsync("data-light"));

        await browser.OpenLiveAsync(site.Silo.BaseAddress, $"/targets/{Target}");
        var row = page.Locator($"#breakdown tbody tr[data-unit=\"{Unit}\"] td.gap");
        await Assertions.Expect(row).ToHaveTextAsync($"较目标 \u2212{Math.Abs(unitGap).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} 个百分点");
        // The 拖后腿 line says 差 … 个百分点 once: its light follows without a second figure in points of 完成率.
        var line = page.Locator($"#shortfalls [data-shortfall-unit=\"{Unit}\"] .sh-gap");
        await Assertions.Expect(line).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^· (红灯|黄灯|绿灯)$"));
        await KejiSite.ScreenshotAsync(page, "target-ratio-reading-1366", output);
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

    /// <summary>瑞金市 reports 1% (its target is about 1.9%) and the city's roll-up lists it as behind (bounded wait);
    /// the roll-up as it then reads.</summary>
    private async Task<System.Text.Json.Nodes.JsonNode> ReportOnePercentAsync(string note)
    {
        await site.Api.PostCreatedAsync(Reports.RatioBody(Reports.NewId("ratio"), Target, Unit, 1000, 100000, "2025-09-30", note));
        var deadline = DateTime.UtcNow + KejiSite.HealthDeadline;
        while (true)
        {
            var detail = await site.Api.GetJsonAsync($"/api/targets/{Target}");
            if (detail["shortfalls"]!.AsArray().Any(s => s!["unit"]!.GetValue<string>() == Unit)) return detail;
            Assert.True(DateTime.UtcNow < deadline, "the roll-up never listed the unit as behind");
            await Task.Delay(50);
        }
    }
}
