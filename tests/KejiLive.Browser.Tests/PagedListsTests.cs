using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KejiLive.Browser.Tests.Support;
using KejiLive.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>The 待核实 page of more marked figures than a page holds (a generated plan of <see cref="Units"/> units, each of
/// <see cref="Marked"/> units correcting an on-plan figure down to 0: a drop the city office must confirm), in real
/// Chromium: it asks the server for one page at a time (<c>GET /api/reviews?offset=&amp;limit=50</c>), shows the server's
/// total and order with the one pager every paged list has, and a confirmation there counts down the total. And the
/// target page's light badges come from the snapshot's explanation code, not from the sentence's wording.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PagedListsTests(KejiSite site, ITestOutputHelper output)
{
    private const int Units = 150;
    private const int Marked = 60;
    private const int PageSize = 50;

    [Fact]
    public async Task ReviewPage_WhenMoreMarkedFiguresThanAPage_PagesOnTheServerWithTheSharedPager()
    {
        using var silo = await KejiSite.StartGeneratedSiloAsync(site.NewDataDirectory(), Units);
        using var api = KejiSite.ApiClient(silo);
        var target = ScalePlan.Targets[0];
        var units = Enumerable.Range(1, Units).Where(i => ScalePlan.Share(Units, 0, i) >= 8).Take(Marked).ToList();
        Assert.Equal(Marked, units.Count);
        await PostAsync(api, units.Select(i => Reports.Body($"paged-early-{i}", target, ScalePlan.Unit(i), Math.Floor(0.4959 * ScalePlan.Share(Units, 0, i)), "2025-06-30")));
        var drops = units.Select(i => Reports.Body($"paged-drop-{i}", target, ScalePlan.Unit(i), 0, "2025-09-30")).ToList();
        foreach (var d in drops) d["correction"] = true;
        await PostAsync(api, drops);
        var all = await SettledReviewsAsync(api, Marked);

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(silo.BaseAddress, "/review");
        var rows = page.Locator("#reviews tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(PageSize);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-review", Key(all[0]));
        var pager = page.Locator("#pager");
        await Assertions.Expect(pager).ToHaveAttributeAsync("data-total", Marked.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(pager.Locator(".pager-text")).ToHaveTextAsync($"共 {Marked} 条，第 1–50 条（第 1/2 页）");
        Assert.Equal(["首页", "上一页", "下一页", "末页"], await pager.Locator("button.pager-btn").AllTextContentsAsync());
        await Assertions.Expect(page.Locator("#count-pending")).ToHaveTextAsync(Marked.ToString(CultureInfo.InvariantCulture));
        await KejiSite.ScreenshotAsync(page, "review-paged", output);

        // The next page is the server's next page, in the server's order.
        await pager.Locator("button[data-page=next]").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(Marked - PageSize);
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-review", Key(all[PageSize]));
        await Assertions.Expect(pager.Locator(".pager-text")).ToHaveTextAsync($"共 {Marked} 条，第 51–60 条（第 2/2 页）");
        await Assertions.Expect(pager.Locator("button[data-page=next]")).ToBeDisabledAsync();

        // Confirming one there: the row says so and the count of those still waiting goes down by one.
        var row = rows.First;
        await row.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("已确认");
        await Assertions.Expect(page.Locator("#count-pending")).ToHaveTextAsync((Marked - 1).ToString(CultureInfo.InvariantCulture));

        // Pages were read from the server a page at a time, never the whole list.
        var reads = browser.Requests.Select(u => new Uri(u)).Where(u => u.AbsolutePath == "/api/reviews").ToList();
        Assert.Contains(reads, u => u.Query.Contains("offset=0&limit=50", StringComparison.Ordinal));
        Assert.Contains(reads, u => u.Query.Contains("offset=50&limit=50", StringComparison.Ordinal));
        Assert.All(reads, u => Assert.Contains("limit=50", u.Query, StringComparison.Ordinal));
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task LightBadge_IsChosenByTheExplanationCode_AndItsTooltipIsTheServersSentence()
    {
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/targets/talent-teams");
        // The page's own module, as the target and unit pages call it: a snapshot whose light is yellow while 较序时
        // alone says red (talent-teams: yellow 10, red 30).
        var badges = await page.EvaluateAsync<string[][]>("""
            async () => {
              const { lightReason } = await import('/js/tables.js');
              const def = { kind: 'count', thresholds: { yellowPoints: 10, redPoints: 30, hysteresisPoints: 2 } };
              const base = { light: 'yellow', gapPoints: -40, reportCount: 3 };
              const cases = [
                ['held', '任意措辞：灯色暂不变化。'],
                ['whole-items', '换一种说法的整项依据。'],
                ['not-reported', '另一种写法。'],
                ['release-pending', '数据尚未公布。'],
                ['gap', '灯色14天内至多变化一次（旧的措辞，但不是这个依据）。', -5],
              ];
              return cases.map(([code, sentence, gap]) => {
                const r = lightReason(def, { ...base, gapPoints: gap ?? base.gapPoints, explanation: sentence, explanationCode: code });
                return [code, r?.text ?? '', r?.title ?? ''];
              });
            }
            """);
        Assert.Equal(["held", "灯色保持", "任意措辞：灯色暂不变化。"], badges[0]);
        Assert.Equal(["whole-items", "按整项判断", "换一种说法的整项依据。"], badges[1]);
        Assert.Equal(["not-reported", "缺报不判红", "另一种写法。"], badges[2]);
        Assert.Equal(["release-pending", "数据未发布", "数据尚未公布。"], badges[3]);
        // A plain gap reading under a worse light than its band (yellow at −5) is the hysteresis of a recovering light,
        // whatever its words say.
        Assert.Equal("回升中", badges[4][1]);
        Assert.StartsWith("灯色14天内至多变化一次（旧的措辞", badges[4][2], StringComparison.Ordinal);
        Assert.Empty(browser.PageErrors);
    }

    private static string Key(JsonNode? item) =>
        $"{item!["target"]!.GetValue<string>()}/{item["unit"]!.GetValue<string>()}/{item["reportId"]!.GetValue<string>()}";

    /// <summary>The review list once it holds <paramref name="count"/> (the city roll-up it reads is fed one-way).</summary>
    private static async Task<JsonArray> SettledReviewsAsync(HttpClient api, int count)
    {
        var deadline = Environment.TickCount64 + 60_000;
        while (true)
        {
            var list = (await api.GetJsonAsync("/api/reviews")).AsArray();
            if (list.Count == count) return list;
            Assert.True(Environment.TickCount64 < deadline, $"{list.Count} of {count} marked after 60 s");
            await Task.Delay(200);
        }
    }

    private static async Task PostAsync(HttpClient api, IEnumerable<JsonObject> reports)
    {
        var body = new JsonArray([.. reports]);
        using var posted = await api.PostAsync("/api/reports", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
    }
}
