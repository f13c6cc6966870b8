using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using KejiLive.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>The office's daily work in real Chromium: a unit answers its 督办 and the city office closes it (each page's
/// counts move live over the hub), 待核实 confirmed, a token issued and revoked, a 403 as a Chinese page, the 督办台账 on a
/// phone, and ages read from the server's plan clock. Pairs used only here: project-applications × 宁都县 (360730) and
/// × 于都县 (360731); hi-tech-enterprises × 会昌县 (360733).</summary>
[Collection(BrowserCollection.Name)]
public sealed class OfficePagesTests(KejiSite site, ITestOutputHelper output)
{
    private const string Growth = "project-applications";
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task CityLevelUnit_HasOneName_InTheFilterAndInEveryRow()
    {
        // 市本级 (the plan's unit "city", the city departments' own share) is not 全市 (the city total): the 督办 rows
        // name it as the unit filter does.
        await using var office = await site.NewPageAsync();
        await office.OpenLiveAsync(site.Silo.BaseAddress, "/alerts");
        await Assertions.Expect(office.Page.Locator("#f-unit option[value=city]")).ToHaveTextAsync("市本级");
        var named = await office.Page.EvaluateAsync<string>(
            "async () => { const m = await import('/js/common.js'); return m.unitName(await m.loadPlan(), 'city'); }");
        Assert.Equal("市本级", named);
    }

    [Fact]
    public async Task Alert_TheUnitAnswersAndTheOfficeClosesIt_BothPagesFollowLive()
    {
        const string Unit = "360730";
        var unitToken = await TokenAsync("unit", Unit, "宁都县科技局（浏览器测试）");
        await using var office = await site.NewPageAsync();
        await office.OpenLiveAsync(site.Silo.BaseAddress, $"/alerts?unit={Unit}&target={Growth}&state=live");
        await Assertions.Expect(office.Page.Locator("#count-open")).ToHaveTextAsync("0");

        // Far behind: the alert opens at once and appears on the open office page without a reload.
        await site.Api.PostCreatedAsync(Reports.Body(Reports.NewId("behind"), Growth, Unit, 1));
        var officeRow = office.Page.Locator($"#alerts tr[data-alert-id^=\"{Growth}.{Unit}.behind.\"]");
        await Assertions.Expect(officeRow).ToBeVisibleAsync(new() { Timeout = 20_000 });
        // Far behind may also open 预计完不成 for the same pair: the counts are the page's rows by state.
        var open = await office.Page.Locator("#alerts tr[data-state=open]").CountAsync();
        Assert.True(open >= 1);
        await Assertions.Expect(office.Page.Locator("#count-open")).ToHaveTextAsync(open.ToString(CultureInfo.InvariantCulture));

        await using var unit = await site.NewPageAsync(sessionToken: unitToken);
        await unit.OpenLiveAsync(site.Silo.BaseAddress, "/alerts");
        var unitRow = unit.Page.Locator($"#alerts tr[data-alert-id^=\"{Growth}.{Unit}.behind.\"]");
        // By when, and what happens after: opened Wed 15 Oct, answered by the third working day (Thu, Fri, Mon).
        await Assertions.Expect(unitRow.Locator(".answer-by")).ToHaveTextAsync("请于2025年10月20日前答复");
        await Assertions.Expect(unitRow.Locator("td[data-label=升级]")).ToContainTextAsync("逾期未答复将报");
        await unitRow.GetByRole(AriaRole.Button, new() { Name = "答复" }).ClickAsync();
        var dialog = unit.Page.Locator("dialog[open]");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "答复" }).ClickAsync();
        await Assertions.Expect(dialog.Locator("#ack-note-error")).ToHaveTextAsync("请填写整改措施。");
        await Assertions.Expect(dialog.Locator("#ack-date-error")).ToHaveTextAsync("请填写承诺完成时间。");
        await dialog.Locator("#ack-note").FillAsync("加快项目申报辅导，11月底前补齐");
        // A well-formed date that is not in the calendar is told so, not told its format is wrong.
        await dialog.Locator("#ack-date").FillAsync("2025-02-30");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "答复" }).ClickAsync();
        await Assertions.Expect(dialog.Locator("#ack-date-error")).ToHaveTextAsync("承诺完成时间 2025-02-30 这一天不存在，请核对月和日。");
        await dialog.Locator("#ack-date").FillAsync("2025/11/30");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "答复" }).ClickAsync();
        await Assertions.Expect(dialog.Locator("#ack-date-error")).ToHaveTextAsync("承诺完成时间格式应为 2025-11-30。");
        await dialog.Locator("#ack-date").FillAsync("2025-10-01");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "答复" }).ClickAsync();
        await Assertions.Expect(dialog.Locator("#ack-date-error")).ToContainTextAsync("不能早于今天（2025年10月15日");
        await KejiSite.ScreenshotAsync(unit.Page, "alerts-unit-answer-dialog", output);
        await dialog.Locator("#ack-date").FillAsync("2025-11-30");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "答复" }).ClickAsync();
        await Assertions.Expect(unitRow.Locator(".state")).ToHaveTextAsync("已答复");

        // The office sees the answer arrive live, then closes the alert with a note.
        await Assertions.Expect(office.Page.Locator("#count-acknowledged")).ToHaveTextAsync("1");
        await Assertions.Expect(office.Page.Locator("#count-open")).ToHaveTextAsync((open - 1).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(officeRow.Locator(".answer")).ToContainTextAsync("加快项目申报辅导");
        await Assertions.Expect(officeRow.Locator(".answer")).ToContainTextAsync("2025年11月30日");
        await KejiSite.ScreenshotAsync(office.Page, "alerts-office-1920", output);
        await officeRow.GetByRole(AriaRole.Button, new() { Name = "销号" }).ClickAsync();
        var close = office.Page.Locator("dialog[open]");
        await close.GetByRole(AriaRole.Button, new() { Name = "销号" }).ClickAsync();
        await Assertions.Expect(close.Locator("#close-note-error")).ToHaveTextAsync("该督办尚未回到序时，销号须填写说明。");
        await close.Locator("#close-note").FillAsync("已约谈并确认整改计划，转入月度跟踪");
        await close.GetByRole(AriaRole.Button, new() { Name = "销号" }).ClickAsync();
        await Assertions.Expect(office.Page.Locator("#count-closed")).ToHaveTextAsync("1");
        await Assertions.Expect(officeRow).ToHaveCountAsync(0);

        // The unit's page follows over the hub: its 督办 is closed without a reload.
        await Assertions.Expect(unit.Page.Locator("#count-closed")).ToHaveTextAsync(new Regex("^[1-9]"));
        await Assertions.Expect(unitRow).ToHaveCountAsync(0);
        Assert.Empty(office.PageErrors);
        Assert.Empty(unit.PageErrors);
    }

    [Fact]
    public async Task Review_TheOfficeConfirmsAMarkedFigure_TheRowSaysSoAndTheLightIsTheServers()
    {
        const string Target = "hi-tech-enterprises";
        const string Unit = "360733";
        var plan = await site.Api.GetJsonAsync("/api/plan");
        var share = plan["targets"]!.AsArray().Single(t => t!["id"]!.GetValue<string>() == Target)!["split"]!.AsArray()
            .Single(s => s!["unit"]!.GetValue<string>() == Unit)!["target"]!.GetValue<double>();
        var first = Math.Max(1, Math.Round(share * 0.1));
        var jump = Reports.NewId("jump");
        await site.Api.PostCreatedAsync(new JsonArray(
            Reports.Body(Reports.NewId("mar"), Target, Unit, first, "2025-03-31"),
            Reports.Body(Reports.NewId("may"), Target, Unit, first * 2, "2025-05-31"),
            Reports.Body(jump, Target, Unit, first * 2 + Math.Ceiling(share * 0.45) + 1, "2025-06-30")));
        await WaitAsync(async () => (await site.Api.GetJsonAsync($"/api/reviews?unit={Unit}")).AsArray().Count == 1);

        await using var browser = await site.NewPageAsync();
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/review");
        var row = browser.Page.Locator($"#reviews tr[data-review=\"{Target}/{Unit}/{jump}\"]");
        await Assertions.Expect(row).ToContainTextAsync("会昌县");
        await Assertions.Expect(row).ToContainTextAsync("超过按历史进度");
        await KejiSite.ScreenshotAsync(browser.Page, "review-1920", output);
        await row.GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();

        await Assertions.Expect(row).ToContainTextAsync("已确认");
        await Assertions.Expect(browser.Page.Locator("#count-done")).ToHaveTextAsync("1");
        var state = await site.Api.GetJsonAsync($"/api/targets/{Target}/{Unit}");
        Assert.False(state["pendingReview"]!.GetValue<bool>());
        await Assertions.Expect(row.Locator(".figure-light")).ToHaveAttributeAsync("data-light", state["light"]!.GetValue<string>());
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task Tokens_AnAdminIssuesOneSeesItOnceAndRevokesItAfterConfirming()
    {
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync(new Uri(site.Silo.BaseAddress, "/admin/tokens").ToString());
        await Assertions.Expect(page.Locator("#nav a[href='/admin/tokens']")).ToBeVisibleAsync();
        await page.Locator("#t-name").FillAsync("会议室大屏（浏览器测试）");
        await page.Locator("#t-role").SelectOptionAsync("viewer");
        await page.GetByRole(AriaRole.Button, new() { Name = "发放令牌" }).ClickAsync();

        await Assertions.Expect(page.Locator("#secret")).ToHaveTextAsync(new Regex("^kl_"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "复制" })).ToBeVisibleAsync();
        var secret = await page.Locator("#secret").TextContentAsync();
        var row = page.Locator("#tokens tr[data-token-name=\"会议室大屏（浏览器测试）\"]");
        await Assertions.Expect(row).ToContainTextAsync("只读");
        await Assertions.Expect(row).ToContainTextAsync("从未使用");
        await KejiSite.ScreenshotAsync(page, "admin-tokens-1920", output);

        await row.GetByRole(AriaRole.Button, new() { Name = "吊销" }).ClickAsync();
        var confirm = page.Locator("dialog[open]");
        await Assertions.Expect(confirm).ToContainTextAsync("立即生效");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "吊销" }).ClickAsync();

        await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("已吊销");
        using var client = KejiSite.ApiClient(site.Silo);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var refused = await client.GetAsync("/api/me");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(browser.PageErrors);
    }

    [Fact]
    public async Task AdminPage_OpenedByAViewer_IsAChinese403Page()
    {
        var token = await TokenAsync("viewer", null, "只读（浏览器测试）");
        await using var browser = await site.NewPageAsync(sessionToken: token);

        var response = await browser.Page.GotoAsync(new Uri(site.Silo.BaseAddress, "/admin/tokens").ToString());

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(browser.Page.Locator("h2")).ToHaveTextAsync("无权访问");
        var text = await browser.Page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Forbidden", text, StringComparison.OrdinalIgnoreCase);
        await KejiSite.ScreenshotAsync(browser.Page, "error-403-1920", output);
    }

    [Fact]
    public async Task WeeklyPackList_HasTheOfficeNavigation_AndTheOfficePagesLinkIt()
    {
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        await page.GotoAsync(new Uri(site.Silo.BaseAddress, "/reports").ToString());
        var nav = page.Locator("#nav");
        await Assertions.Expect(nav.Locator("a[href='/reports']")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(nav.Locator("a[href='/reports']")).ToHaveTextAsync("周调度材料");
        await Assertions.Expect(nav.Locator("a[href='/']")).ToHaveTextAsync("首页");
        await Assertions.Expect(nav.Locator("a[href='/wall']")).ToHaveTextAsync("大屏");
        await Assertions.Expect(page.Locator("#clock")).ToContainTextAsync("2025年10月15日");
        // The list itself is still there, newest week first.
        await Assertions.Expect(page.Locator("table tbody tr").First).ToContainTextAsync("2025年第42周");
        await KejiSite.ScreenshotAsync(page, "reports-1920", output);
        await nav.Locator("a[href='/wall']").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/wall$"));

        foreach (var path in new[] { "/alerts", "/review", "/whatif" })
        {
            await page.GotoAsync(new Uri(site.Silo.BaseAddress, path).ToString());
            await Assertions.Expect(page.Locator("#nav a[href='/reports']")).ToHaveTextAsync("周调度材料");
        }
        Assert.Empty(browser.PageErrors);

        // A viewer reads the packs too (its start page offers them); a unit's reporter does not see them offered.
        var viewer = await TokenAsync("viewer", null, "只读（周调度材料）");
        await using var reader = await site.NewPageAsync(sessionToken: viewer);
        await reader.Page.GotoAsync(new Uri(site.Silo.BaseAddress, "/alerts").ToString());
        await Assertions.Expect(reader.Page.Locator("#nav a[href='/reports']")).ToHaveCountAsync(1);
        var unitToken = await TokenAsync("unit", "360731", "于都县科技局（周调度材料）");
        await using var unit = await site.NewPageAsync(sessionToken: unitToken);
        await unit.Page.GotoAsync(new Uri(site.Silo.BaseAddress, "/alerts").ToString());
        await Assertions.Expect(unit.Page.Locator("#nav a[href='/fill']")).ToHaveCountAsync(1);
        await Assertions.Expect(unit.Page.Locator("#nav a[href='/reports']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Alerts_OnAPhone390PxWide_FitsWithoutSidewaysScrolling()
    {
        await site.Api.PostCreatedAsync(Reports.Body(Reports.NewId("phone"), Growth, "360731", 1));
        await using var browser = await site.NewPageAsync(width: 390, height: 844);
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/alerts?state=");
        await Assertions.Expect(browser.Page.Locator("#alerts tbody tr").First).ToBeVisibleAsync();

        var widths = await browser.Page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, window.innerWidth, Math.ceil(Math.max(...[...document.querySelectorAll('main *')].map(e => e.getBoundingClientRect().right)))]");

        Assert.True(widths[0] <= widths[1], $"page scrolls sideways: scrollWidth {widths[0]} > {widths[1]}");
        Assert.True(widths[2] <= widths[1], $"main content reaches {widths[2]} px of {widths[1]}");
        await KejiSite.ScreenshotAsync(browser.Page, "alerts-390", output);
        await browser.Page.GotoAsync(new Uri(site.Silo.BaseAddress, "/").ToString());
        await KejiSite.ScreenshotAsync(browser.Page, "start-390", output);
    }

    [Fact]
    public async Task Alerts_AtThePinnedPlanClock_ShowNoAgeLongerThanThePlanDaysSinceOpening()
    {
        await site.Api.PostCreatedAsync(Reports.Body(Reports.NewId("age"), Growth, "360731", 1));
        var now = DateTimeOffset.Parse((await site.Api.GetJsonAsync("/api/status"))["now"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        await using var browser = await site.NewPageAsync();
        await browser.OpenLiveAsync(site.Silo.BaseAddress, "/alerts");
        await Assertions.Expect(browser.Page.Locator("#alerts .age").First).ToBeVisibleAsync();

        var ages = await browser.Page.Locator("#alerts .age").EvaluateAllAsync<string[][]>(
            "els => els.map(e => [e.dataset.days, e.dataset.openedAt, e.textContent])");

        Assert.NotEmpty(ages);
        foreach (var (days, openedAt, text) in ages.Select(a => (int.Parse(a[0], CultureInfo.InvariantCulture), a[1], a[2])))
        {
            var opened = DateTimeOffset.Parse(openedAt, CultureInfo.InvariantCulture);
            var planDays = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Shanghai).Date).DayNumber
                - DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(opened, Shanghai).Date).DayNumber;
            Assert.True(days <= planDays, $"{text} shown for an alert opened {openedAt}, {planDays} plan days before {now:O}");
            // The first day reads "不足 1 天": "已 0 天" reads as no time at all.
            Assert.Equal(planDays == 0 ? " · 不足 1 天" : $" · 已 {planDays} 天", text);
        }
        await KejiSite.ScreenshotAsync(browser.Page, "alerts-1920", output);
    }

    private async Task<string> TokenAsync(string role, string? unit, string name)
    {
        var body = new JsonObject { ["name"] = name, ["role"] = role, ["expiresInDays"] = 1 };
        if (unit is not null) body["unit"] = unit;
        using var created = await site.Api.PostAsJsonAsync("/api/tokens", body);
        var json = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.True(created.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return json["token"]!.GetValue<string>();
    }

    /// <summary>Waits (bounded) for a condition the server reaches one-way (the review list reads the city roll-up).</summary>
    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        var deadline = Environment.TickCount64 + 15_000;
        while (!await done())
        {
            Assert.True(Environment.TickCount64 < deadline, "condition not reached in 15 s");
            await Task.Delay(100);
        }
    }
}
