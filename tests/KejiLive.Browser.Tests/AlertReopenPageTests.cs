using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KejiLive.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>销号 and 重新打开 in real Chromium: the city office's administrator closes a 督办, then reopens it with a
/// reason after confirming; the row, its 处理记录 and the wall's ticker count follow live. A leader sees no 重新打开.
/// Pair used only here: rd-spending-growth × 章贡区 (360702).</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertReopenPageTests(KejiSite site, ITestOutputHelper output)
{
    private const string Target = "rd-spending-growth";
    private const string Unit = "360702";

    /// <summary>Who the configured admin token acts as (the session the pages open with).</summary>
    private const string AdminName = "admin（Auth:AdminToken）";

    [Fact]
    public async Task Alert_TheOfficeClosesAndReopensIt_TheRowHistoryAndWallTickerFollow()
    {
        // Far behind on R&D spending: a 督办 opens at once.
        await site.Api.PostCreatedAsync(Reports.Body(Reports.NewId("reopen"), Target, Unit, 0.01, "2025-09-30"));
        await using var wall = await site.NewPageAsync();
        await wall.OpenLiveAsync(site.Silo.BaseAddress, "/wall");
        await using var office = await site.NewPageAsync();
        await office.OpenLiveAsync(site.Silo.BaseAddress, $"/alerts?unit={Unit}&target={Target}&state=");
        var row = office.Page.Locator($"#alerts tr[data-alert-id^=\"{Target}.{Unit}.behind.\"]");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var id = await row.GetAttributeAsync("data-alert-id");
        var summary = wall.Page.Locator("#alert-summary");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-total", (await LiveCountAsync(id!, live: true)).ToString(CultureInfo.InvariantCulture));

        // 销号 with a note: the row says so, the wall's ticker counts one fewer.
        await row.GetByRole(AriaRole.Button, new() { Name = "销号" }).ClickAsync();
        var close = office.Page.Locator("dialog[open]");
        await close.Locator("#close-note").FillAsync("已约谈，转入季度跟踪");
        await close.GetByRole(AriaRole.Button, new() { Name = "销号" }).ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "closed");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-total", (await LiveCountAsync(id!, live: false)).ToString(CultureInfo.InvariantCulture));

        // 重新打开: a reason is required (Chinese, next to the field), then a confirmation, then it is open again.
        await row.GetByRole(AriaRole.Button, new() { Name = "重新打开" }).ClickAsync();
        var reopen = office.Page.Locator("dialog[open]:has(#reopen-form)");
        await reopen.GetByRole(AriaRole.Button, new() { Name = "重新打开" }).ClickAsync();
        await Assertions.Expect(reopen.Locator("#reopen-reason-error")).ToHaveTextAsync("请填写重新打开的理由。");
        await reopen.Locator("#reopen-reason").FillAsync("核查发现三季度数据未含重点企业，销号有误");
        await reopen.GetByRole(AriaRole.Button, new() { Name = "重新打开" }).ClickAsync();
        var confirm = office.Page.Locator("dialog[open]:has(#confirm-title)");
        await Assertions.Expect(confirm).ToContainTextAsync("确定重新打开章贡区");
        await KejiSite.ScreenshotAsync(office.Page, "alerts-reopen-confirm", output);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "确定重新打开" }).ClickAsync();

        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "open");
        await Assertions.Expect(row.Locator(".state")).ToHaveTextAsync("待答复");
        await Assertions.Expect(row.Locator("details .history li").Last).ToContainTextAsync($"{AdminName} 重新打开：核查发现三季度数据未含重点企业，销号有误");
        await Assertions.Expect(office.Page.Locator("#flash")).ToHaveTextAsync("已重新打开，等待单位答复。");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-total", (await LiveCountAsync(id!, live: true)).ToString(CultureInfo.InvariantCulture));

        // A leader may close but not reopen: no such button on a closed 督办.
        await row.GetByRole(AriaRole.Button, new() { Name = "销号" }).ClickAsync();
        await office.Page.Locator("dialog[open] #close-note").FillAsync("再次销号");
        await office.Page.Locator("dialog[open]").GetByRole(AriaRole.Button, new() { Name = "销号" }).ClickAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-state", "closed");
        await using var leader = await site.NewPageAsync(sessionToken: await TokenAsync("leader", "分管领导（浏览器测试）"));
        await leader.OpenLiveAsync(site.Silo.BaseAddress, $"/alerts?unit={Unit}&target={Target}&state=closed");
        var leaderRow = leader.Page.Locator($"#alerts tr[data-alert-id=\"{id}\"]");
        await Assertions.Expect(leaderRow).ToBeVisibleAsync();
        await Assertions.Expect(leaderRow.GetByRole(AriaRole.Button, new() { Name = "重新打开" })).ToHaveCountAsync(0);
        Assert.Empty(office.PageErrors);
        Assert.Empty(wall.PageErrors);
        Assert.Empty(leader.PageErrors);
    }

    /// <summary>The API's count of live 督办 (open or acknowledged), once <paramref name="id"/> is (or is not) among them.</summary>
    private async Task<int> LiveCountAsync(string id, bool live)
    {
        var deadline = Environment.TickCount64 + 15_000;
        while (true)
        {
            var all = (await site.Api.GetJsonAsync("/api/alerts")).AsArray().Select(a => a!)
                .Where(a => a["state"]!.GetValue<string>() is "open" or "acknowledged").ToList();
            if (all.Any(a => a["id"]!.GetValue<string>() == id) == live) return all.Count;
            Assert.True(Environment.TickCount64 < deadline, $"{id} not {(live ? "live" : "ended")} in 15 s");
            await Task.Delay(100);
        }
    }

    private async Task<string> TokenAsync(string role, string name)
    {
        using var created = await site.Api.PostAsJsonAsync("/api/tokens", new JsonObject { ["name"] = name, ["role"] = role, ["expiresInDays"] = 1 });
        var json = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        Assert.True(created.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return json["token"]!.GetValue<string>();
    }
}
