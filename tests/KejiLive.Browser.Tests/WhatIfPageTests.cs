using System.Globalization;
using KejiLive.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>调剂测算 in real Chromium: the city office builds a proposal by keyboard and mouse, sees the source unit's
/// light and the city's line change, gets Chinese errors beside the fields, exports the workbook, and the page fits a
/// 390 px phone. Pairs used only here: project-funding × 崇义县 (360725), 安远县 (360726), 定南县 (360728); the last two
/// never report, so only 360725 can be red for this target.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WhatIfPageTests(KejiSite site, ITestOutputHelper output)
{
    private const string Target = "project-funding";
    private const string Source = "360725";

    /// <summary>360725 reports a quarter of its year for 30 September (red); returns how much the proposal moves: half its
    /// annual target, split between 360726 and 360728.</summary>
    private async Task<(int Moved, int First)> SeedAsync()
    {
        var plan = await site.Api.GetJsonAsync("/api/plan");
        var annual = plan["targets"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == Target)!["split"]!.AsArray()
            .Single(s => s!["unit"]!.GetValue<string>() == Source)!["target"]!.GetValue<double>();
        var report = Reports.Body($"whatif-{Source}-q3", Target, Source, Math.Round(annual * 0.25), "2025-09-30");
        using var response = await site.Api.PostAsync("/api/reports", new StringContent(report.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var moved = (int)Math.Round(annual * 0.5);
        return (moved, moved / 2);
    }

    private static async Task FillProposalAsync(IPage page, int moved, int first)
    {
        await page.Locator("#target").SelectOptionAsync(Target);
        // The form is filled only once the target's units have loaded; typing before that would be replaced.
        await Assertions.Expect(page.Locator("#proposal")).ToHaveAttributeAsync("aria-busy", "false");
        await page.Locator("#from").SelectOptionAsync(Source);
        await page.Locator("#amount").FillAsync(moved.ToString(CultureInfo.InvariantCulture));
        var rows = page.Locator("#moves .move");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await rows.Nth(0).Locator("select").SelectOptionAsync("360726");
        await rows.Nth(0).Locator("input").First.FillAsync(first.ToString(CultureInfo.InvariantCulture));
        await rows.Nth(1).Locator("select").SelectOptionAsync("360728");
        await rows.Nth(1).Locator("input").First.FillAsync((moved - first).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Proposal_BuiltOnThePage_ShowsTheSourceAndTheCityBeforeAndAfter_AndExports()
    {
        var (moved, first) = await SeedAsync();
        await using var browser = await site.NewPageAsync(width: 1440, height: 1000);
        var page = browser.Page;
        await page.GotoAsync(new Uri(site.Silo.BaseAddress, $"/whatif?target={Target}").ToString());
        await Assertions.Expect(page.Locator("#nav a[href='/whatif']")).ToHaveAttributeAsync("aria-current", "page");
        await FillProposalAsync(page, moved, first);

        // A sum that does not match: the server's Chinese message under the receivers, nothing computed.
        await page.Locator("#moves .move").Nth(1).Locator("input").First.FillAsync("1");
        await page.Locator("#compute").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#to-error")).ToContainTextAsync("不等：调剂不改变全市总量");
        await Assertions.Expect(page.Locator("#result")).ToBeHiddenAsync();

        await page.Locator("#moves .move").Nth(1).Locator("input").First.FillAsync((moved - first).ToString(CultureInfo.InvariantCulture));
        await page.Locator("#compute").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var source = page.Locator($"#lines tr[data-unit='{Source}']");
        await Assertions.Expect(source.Locator(".td-light").First).ToHaveAttributeAsync("data-light", "red");
        await Assertions.Expect(source.Locator(".td-light.after")).ToHaveAttributeAsync("data-light", "yellow");
        await Assertions.Expect(source.Locator(".why")).ToContainTextAsync("较序时");
        var city = page.Locator("#whatif-city");
        await Assertions.Expect(city).ToContainTextAsync("红灯单位 1 → 0 个");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync($"崇义县调出 {moved.ToString("#,0", CultureInfo.InvariantCulture)}万元");
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("全市总量不变");
        // The plan is unchanged: the source still holds its whole target.
        var unit = await site.Api.GetJsonAsync($"/api/targets/{Target}/{Source}");
        Assert.Equal("red", unit["light"]!.GetValue<string>());
        await KejiSite.ScreenshotAsync(page, "whatif-1440", output, fullPage: true);

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#export-xlsx").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(KejiSite.ScreenshotDirectory, "whatif-export.xlsx");
        await download.SaveAsAsync(path);
        var head = new byte[2];
        await using (var file = File.OpenRead(path)) Assert.Equal(2, await file.ReadAsync(head));
        Assert.Equal("PK"u8.ToArray(), head);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task Table_AmountsSplitByShare_AddUpAsShown()
    {
        // An odd amount split half and half: each receiver takes x.5 万元. The table rounded amounts of 100 or more to
        // whole numbers, so the source gave 1,085 and each receiver was shown taking 543.
        var (moved, _) = await SeedAsync();
        var odd = moved % 2 == 1 ? moved : moved - 1;
        await using var browser = await site.NewPageAsync(width: 1440, height: 1000);
        var page = browser.Page;
        await page.GotoAsync(new Uri(site.Silo.BaseAddress, $"/whatif?target={Target}").ToString());
        await FillProposalAsync(page, odd, 0);
        var rows = page.Locator("#moves .move");
        for (var i = 0; i < 2; i++)
        {
            await rows.Nth(i).Locator("input").First.FillAsync("");
            await rows.Nth(i).Locator("input").Nth(1).FillAsync("0.5");
        }
        await page.Locator("#compute").ClickAsync();

        var half = (odd / 2.0).ToString("#,0.0", CultureInfo.InvariantCulture);
        var change = page.Locator("#lines td[data-label='调整量']");
        await Assertions.Expect(change).ToHaveTextAsync(["−" + odd.ToString("#,0", CultureInfo.InvariantCulture), "+" + half, "+" + half, "±0"]);
        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync($"承接 {half}万元");
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task SourceHint_SaysTheShortfallTheTargetPageLists()
    {
        await SeedAsync();
        var lines = (await site.Api.GetJsonAsync($"/api/targets/{Target}/shortfalls?limit=1000"))["shortfalls"]!.AsArray();
        var owed = lines.Single(l => l!["unit"]!.GetValue<string>() == Source)!["amount"]!.GetValue<double>();
        Assert.True(owed >= 100, $"the seed leaves {Source} {owed} behind");
        await using var browser = await site.NewPageAsync(width: 1440, height: 1000);
        var page = browser.Page;
        await page.GotoAsync(new Uri(site.Silo.BaseAddress, $"/whatif?target={Target}").ToString());
        await page.Locator("#target").SelectOptionAsync(Target);
        await Assertions.Expect(page.Locator("#proposal")).ToHaveAttributeAsync("aria-busy", "false");
        await page.Locator("#from").SelectOptionAsync(Source);
        // Leaving the amount empty moves this 差额 (the API's answer is checked in WhatIfTests).
        await Assertions.Expect(page.Locator("#amount-hint")).ToContainTextAsync($"当前差额 {owed.ToString("#,0", CultureInfo.InvariantCulture)} 万元（留空即调出差额）");
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task Page_OnAPhone390PxWide_FitsWithoutSidewaysScrolling()
    {
        var (moved, first) = await SeedAsync();
        await using var browser = await site.NewPageAsync(width: 390, height: 844);
        var page = browser.Page;
        await page.GotoAsync(new Uri(site.Silo.BaseAddress, $"/whatif?target={Target}").ToString());
        await FillProposalAsync(page, moved, first);
        await page.Locator("#compute").ClickAsync();
        await Assertions.Expect(page.Locator("#whatif-city")).ToContainTextAsync("全市合计");

        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, window.innerWidth, Math.ceil(Math.max(...[...document.querySelectorAll('main *')].map(e => e.getBoundingClientRect().right)))]");
        Assert.True(widths[0] <= widths[1], $"page scrolls sideways: scrollWidth {widths[0]} > {widths[1]}");
        Assert.True(widths[2] <= widths[1], $"main content reaches {widths[2]} px of {widths[1]}");
        await KejiSite.ScreenshotAsync(page, "whatif-390", output, fullPage: true);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task ChoosingTheTargetAlreadyShown_KeepsWhatWasTyped()
    {
        await using var browser = await site.NewPageAsync(width: 1440, height: 1000);
        var page = browser.Page;
        await page.GotoAsync(new Uri(site.Silo.BaseAddress, $"/whatif?target={Target}").ToString());
        await FillProposalAsync(page, 100, 40);
        await page.Locator("#target").SelectOptionAsync(Target);
        await Assertions.Expect(page.Locator("#proposal")).ToHaveAttributeAsync("aria-busy", "false");
        var first = page.Locator("#moves .move").Nth(0);
        await Assertions.Expect(first.Locator("select")).ToHaveValueAsync("360726");
        await Assertions.Expect(first.Locator("input").First).ToHaveValueAsync("40");
        await Assertions.Expect(page.Locator("#from")).ToHaveValueAsync(Source);
    }

    [Fact]
    public async Task Receivers_NeverOfferTheSourceUnit_AndFollowItWhenItChanges()
    {
        await using var browser = await site.NewPageAsync(width: 1440, height: 1000);
        var page = browser.Page;
        await page.GotoAsync(new Uri(site.Silo.BaseAddress, $"/whatif?target={Target}").ToString());
        await Assertions.Expect(page.Locator("#proposal")).ToHaveAttributeAsync("aria-busy", "false");
        var receivers = page.Locator("#moves .move select");
        await Assertions.Expect(receivers).ToHaveCountAsync(2);
        var from = await page.Locator("#from").InputValueAsync();
        Assert.Equal(0, await page.Locator($"#moves select option[value='{from}']").CountAsync());

        // The unit the first row takes becomes the source: no row offers it any longer, and that row takes another unit.
        var taken = await receivers.Nth(0).InputValueAsync();
        await page.Locator("#from").SelectOptionAsync(taken);
        Assert.Equal(0, await page.Locator($"#moves select option[value='{taken}']").CountAsync());
        await Assertions.Expect(receivers.Nth(0)).Not.ToHaveValueAsync(taken);
        await Assertions.Expect(receivers.Nth(0)).Not.ToHaveValueAsync("");
        // A row added later does not offer it either.
        await page.Locator("#add-move").ClickAsync();
        await Assertions.Expect(receivers).ToHaveCountAsync(3);
        Assert.Equal(0, await page.Locator($"#moves select option[value='{taken}']").CountAsync());
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task BlankReceiverRow_IsLeftOut_AndWithNoRowFilledTheFormSaysSoWithoutCallingTheServer()
    {
        var (moved, _) = await SeedAsync();
        await using var browser = await site.NewPageAsync(width: 1440, height: 1000);
        var page = browser.Page;
        await page.GotoAsync(new Uri(site.Silo.BaseAddress, $"/whatif?target={Target}").ToString());
        await Assertions.Expect(page.Locator("#proposal")).ToHaveAttributeAsync("aria-busy", "false");
        await page.Locator("#from").SelectOptionAsync(Source);
        await page.Locator("#amount").FillAsync(moved.ToString(CultureInfo.InvariantCulture));
        var rows = page.Locator("#moves .move");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        // No row with an amount or a share: told under the receivers, nothing sent.
        var calls = new List<string>();
        page.Request += (_, request) => { if (request.Method == "POST") lock (calls) calls.Add(request.Url); };
        await page.Locator("#compute").ClickAsync();
        await Assertions.Expect(page.Locator("#to-error")).ToHaveTextAsync("请至少为一个承接单位填写数量或比例。");
        await Assertions.Expect(page.Locator("#result")).ToBeHiddenAsync();
        lock (calls) Assert.Empty(calls);

        // The first row takes the whole amount; the second, left blank, is not sent and so not refused.
        await rows.Nth(0).Locator("select").SelectOptionAsync("360726");
        await rows.Nth(0).Locator("input").First.FillAsync(moved.ToString(CultureInfo.InvariantCulture));
        await page.Locator("#compute").ClickAsync();
        await Assertions.Expect(page.Locator("#whatif-city")).ToContainTextAsync("全市合计");
        await Assertions.Expect(page.Locator("#to-error")).ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#general")).ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#lines tr[data-unit='360726']")).ToHaveCountAsync(1);
        lock (calls) Assert.Single(calls);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task StartPage_ForTheOffice_LinksTheWhatIf()
    {
        await using var browser = await site.NewPageAsync();
        await browser.Page.GotoAsync(new Uri(site.Silo.BaseAddress, "/").ToString());
        await Assertions.Expect(browser.Page.Locator("#start a[href='/whatif']")).ToContainTextAsync("调剂测算");
    }
}
