using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KejiLive.Browser.Tests.Support;
using KejiLive.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>Ages are plan time: at a plan clock pinned to 2 July 2025 (the browser's own clock is today's real date, a
/// year or more later) no page shows an alert older than the days since it opened in plan time. The wall's ticker
/// starts with a summary (counts by state and unit, the oldest unanswered) before its items.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class PlanClockAgesTests(KejiSite site, ITestOutputHelper output)
{
    private const string ClockNow = "2025-07-02T10:00:00+08:00";
    private const string Target = "tech-smes";
    private const string Unit = "360702";

    [Fact]
    public async Task Pages_AtAPinnedPlanClock_ShowAlertAgesInPlanDaysAndTheTickerSummaryFirst()
    {
        using var silo = KejiProcess.StartSilo(site.NewDataDirectory(), SiloPorts.Reserve(), ClockNow);
        await silo.WaitHealthyAsync(KejiSite.HealthDeadline);
        using var api = KejiSite.ApiClient(silo);
        // Far behind on 30 June: a clear crossing opens a 督办 at once (besides the 未报送 ones of every silent unit).
        await api.PostCreatedAsync(Reports.Body(Reports.NewId("age"), Target, Unit, 1, "2025-06-30", "测试：严重滞后"));
        var live = await OpenAlertsAsync(api, a => a["target"]?.GetValue<string>() == Target && a["unit"]!.GetValue<string>() == Unit);
        var planNow = DateTimeOffset.Parse((await api.GetJsonAsync("/api/status"))["now"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.True(planNow < new DateTimeOffset(2025, 7, 4, 0, 0, 0, TimeSpan.FromHours(8)), $"the plan clock is pinned near 2 July, not {planNow:O}");
        var maxAge = live.Max(a => PlanDays(a, planNow));

        await using var browser = await site.NewPageAsync();
        var page = browser.Page;

        await browser.OpenLiveAsync(silo.BaseAddress, "/wall");
        await AssertAgesAsync(page, "#alerts .alert-item", live, planNow, "wall");
        // The ticker's summary comes before the items and counts what the API counts.
        var summary = page.Locator("#alert-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        var open = live.Count(a => a["state"]!.GetValue<string>() == "open");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-total", live.Count.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-open", open.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(summary.Locator(".sum-count")).ToContainTextAsync($"未办结 {live.Count} 项");
        await Assertions.Expect(summary.Locator(".sum-state")).ToHaveTextAsync($"待答复 {open} · 已答复 {live.Count - open}");
        var top = live.GroupBy(a => a["unit"]!.GetValue<string>()).Max(g => g.Count());
        Assert.Contains($" {top}", await summary.Locator(".sum-units").InnerTextAsync(), StringComparison.Ordinal);
        var oldestAge = int.Parse(await summary.Locator(".sum-oldest").GetAttributeAsync("data-age-days") ?? "-1", CultureInfo.InvariantCulture);
        Assert.InRange(oldestAge, 0, maxAge);
        Assert.True(await page.EvaluateAsync<bool>(
            "() => !!(document.getElementById('alert-summary').compareDocumentPosition(document.getElementById('alerts')) & Node.DOCUMENT_POSITION_FOLLOWING)"),
            "the ticker's summary must come before its items");
        await KejiSite.ScreenshotAsync(page, "wall-pinned-2025-07-02", output);

        await browser.OpenLiveAsync(silo.BaseAddress, $"/units/{Unit}");
        await AssertAgesAsync(page, "#alerts .alert-item", [.. live.Where(a => a["unit"]!.GetValue<string>() == Unit)], planNow, "unit page");
        // The unit's own page says by when each open 督办 must be answered and leads to where it is answered.
        foreach (var alert in live.Where(a => a["unit"]!.GetValue<string>() == Unit && a["state"]!.GetValue<string>() == "open"))
        {
            var item = page.Locator($"#alerts .alert-item[data-alert-id=\"{alert["id"]!.GetValue<string>()}\"]");
            var answerBy = DateOnly.Parse(alert["answerBy"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            await Assertions.Expect(item).ToContainTextAsync($"请于{answerBy.Year}年{answerBy.Month}月{answerBy.Day}日前答复");
            await Assertions.Expect(item.Locator("a.alert-answer")).ToHaveAttributeAsync("href", $"/alerts?unit={Unit}");
        }

        await browser.OpenLiveAsync(silo.BaseAddress, $"/targets/{Target}");
        await AssertAgesAsync(page, "#alerts .alert-item", [.. live.Where(a => a["target"]?.GetValue<string>() == Target)], planNow, "target page");
        Assert.Empty(browser.PageErrors);
    }

    /// <summary>Every item of <paramref name="expected"/> is shown, and each shown 待答复 N 天 is its wait in plan calendar days.</summary>
    private async Task AssertAgesAsync(IPage page, string selector, IReadOnlyList<JsonNode> expected, DateTimeOffset planNow, string where)
    {
        Assert.NotEmpty(expected);
        var items = page.Locator(selector);
        await Assertions.Expect(items).ToHaveCountAsync(expected.Count);
        var byId = expected.ToDictionary(a => a["id"]!.GetValue<string>());
        var rows = await items.EvaluateAllAsync<string[][]>("els => els.map(e => [e.dataset.alertId, e.textContent])");
        foreach (var row in rows)
        {
            var (id, text) = (row[0], row[1]);
            var alert = byId[id];
            var days = PlanDays(alert, planNow);
            if (alert["state"]!.GetValue<string>() != "open") continue;
            Assert.DoesNotContain("待答复 0 天", text);
            var m = AgeText().Match(text);
            Assert.True(m.Success, $"{where}: '{text}' shows no 待答复 N 天");
            // "待答复 不足 1 天" is the first day (as the wall's ticker says it), never "待答复 0 天".
            var shown = m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            Assert.True(shown == days, $"{where}: '{text}' says {shown} days, but the alert waits since {alert["awaitingSince"]} and the plan clock reads {planNow:O} ({days} days)");
        }
        output.WriteLine($"{where}: {expected.Count} alerts, ages within plan time");
    }

    /// <summary>Calendar days in Asia/Shanghai from the alert's <c>awaitingSince</c> (its open or latest reopen) to
    /// <paramref name="planNow"/>, as the server and every page count them.</summary>
    private static int PlanDays(JsonNode alert, DateTimeOffset planNow)
    {
        var since = DateTimeOffset.Parse(alert["awaitingSince"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var shanghai = TimeSpan.FromHours(8);
        return Math.Max(0, DateOnly.FromDateTime(planNow.ToOffset(shanghai).DateTime).DayNumber - DateOnly.FromDateTime(since.ToOffset(shanghai).DateTime).DayNumber);
    }

    /// <summary>The open and acknowledged 督办 once the one matching <paramref name="wanted"/> is open (bounded wait).</summary>
    private static async Task<List<JsonNode>> OpenAlertsAsync(HttpClient api, Func<JsonNode, bool> wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var all = (await api.GetJsonAsync("/api/alerts")).AsArray().Select(a => a!)
                .Where(a => a["state"]!.GetValue<string>() is "open" or "acknowledged").ToList();
            if (all.Any(wanted)) return all;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no open 督办 for {Target} × {Unit} within 30 s; {all.Count} others open");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"待答复 (?:(\d+) 天|不足 1 天)")]
    private static partial Regex AgeText();
}
