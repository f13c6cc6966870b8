using KejiLive.Browser.Tests.Support;
using KejiLive.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>临期 on the pages, at a plan clock pinned to 20 December 2025: 信丰县 and 大余县 each owe their one 中试基地 by
/// 31 December and have done none. By the whole-item rule nothing is late yet, so both stay green; before, the wall showed
/// "0 / 2 个" beside a green dot with nothing else, eleven days before the deadline. Now the wall's card counts the units
/// 临期, and the target page and the unit page put "临期 11 天" beside each light, with the sentence that says what is due;
/// a milestone task's node list says its next node is 临期.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DueSoonPagesTests(KejiSite site, ITestOutputHelper output)
{
    private const string ClockNow = "2025-12-20T10:00:00+08:00";
    private const string Target = "pilot-bases";
    private const string Unit = "360722";

    [Fact]
    public async Task WallTargetAndUnitPages_ElevenDaysBeforeAnItemIsDue_SayItIsDueSoonBesideAGreenLight()
    {
        using var silo = KejiProcess.StartSilo(site.NewDataDirectory(), SiloPorts.Reserve(), ClockNow);
        await silo.WaitHealthyAsync(KejiSite.HealthDeadline);
        using var api = KejiSite.ApiClient(silo);
        // 信丰县's third-quarter figure: none done yet (the fourth quarter's is released in January).
        await api.PostCreatedAsync(Reports.Body(Reports.NewId("due"), Target, Unit, 0, "2025-09-30", "测试：尚未建成"));
        var unit = (await api.GetJsonAsync($"/api/targets/{Target}/{Unit}"))!;
        Assert.Equal("green", unit["light"]!.GetValue<string>());
        Assert.Equal("临期：第1项期限12月31日，还剩11天，已完成0项（共1项）。", unit["dueSoon"]!["text"]!.GetValue<string>());

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;

        await browser.OpenLiveAsync(silo.BaseAddress, "/wall");
        var card = page.Locator($"#cards [data-target=\"{Target}\"]");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-light", "green");
        await Assertions.Expect(card.Locator(".due-soon")).ToHaveTextAsync("2 个单位临期");
        await AssertInsideAsync(card, card.Locator(".due-soon"));
        await KejiSite.ScreenshotAsync(page, "wall-due-soon-2025-12-20", output);

        await browser.OpenLiveAsync(silo.BaseAddress, $"/targets/{Target}");
        await Assertions.Expect(page.Locator("#summary .due-soon")).ToHaveTextAsync("2 个单位临期");
        var row = page.Locator($"#breakdown tbody tr[data-unit=\"{Unit}\"]");
        await Assertions.Expect(row.Locator(".td-light")).ToHaveAttributeAsync("data-light", "green");
        await Assertions.Expect(row.Locator(".due-soon")).ToHaveTextAsync("临期 11 天");
        await Assertions.Expect(row.Locator(".due-soon")).ToHaveAttributeAsync("title", "临期：第1项期限12月31日，还剩11天，已完成0项（共1项）。");
        await KejiSite.ScreenshotAsync(page, "target-due-soon-2025-12-20", output);

        // A milestone task (市本级): its fourth-quarter node, due 31 December and not reported done, is 临期 in the node list.
        await browser.OpenLiveAsync(silo.BaseAddress, "/targets/party-branch-building");
        await Assertions.Expect(page.Locator("li[data-milestone=\"q4\"] .sh-v")).ToHaveTextAsync("2025年12月31日 · 临期，还剩 11 天");
        await Assertions.Expect(page.Locator("li[data-milestone=\"q3\"]")).ToHaveAttributeAsync("data-status", "overdue");

        await browser.OpenLiveAsync(silo.BaseAddress, $"/units/{Unit}");
        var unitRow = page.Locator($"#scorecard tr[data-target=\"{Target}\"]");
        await Assertions.Expect(unitRow.Locator(".due-soon")).ToHaveTextAsync("临期 11 天");
        await KejiSite.ScreenshotAsync(page, "unit-due-soon-2025-12-20", output);
        Assert.Empty(browser.PageErrors);
    }

    private static async Task AssertInsideAsync(ILocator box, ILocator inner)
    {
        var outer = await box.BoundingBoxAsync() ?? throw new InvalidOperationException("the card is not laid out");
        var tag = await inner.BoundingBoxAsync() ?? throw new InvalidOperationException("the tag is not laid out");
        Assert.True(tag.X >= outer.X - 0.5 && tag.X + tag.Width <= outer.X + outer.Width + 0.5,
            $"the 临期 tag ({tag.X:F0}–{tag.X + tag.Width:F0}) leaves its card ({outer.X:F0}–{outer.X + outer.Width:F0})");
    }
}
