using KejiLive.Browser.Tests.Support;
using Microsoft.Playwright;

namespace KejiLive.Browser.Tests;

/// <summary>A page's first connection to the live hub is 连接中, not a lost one: no "正在重新连接…（已中断…）" line while
/// nothing was interrupted. The hub's negotiation is held by the browser until the page has been looked at.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ConnectingTests(KejiSite site)
{
    [Theory]
    [InlineData("/wall")]
    [InlineData("/alerts")]
    public async Task Page_BeforeItsFirstConnection_SaysConnectingWithoutAnInterruptedLine(string path)
    {
        await using var browser = await site.NewPageAsync();
        var page = browser.Page;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/hubs/live/negotiate**", async route =>
        {
            held.TrySetResult();
            await release.Task;
            await route.ContinueAsync();
        });

        await page.GotoAsync(new Uri(site.Silo.BaseAddress, path).ToString());
        await held.Task.WaitAsync(TimeSpan.FromSeconds(20));
        var pill = page.Locator("#conn");
        await Assertions.Expect(pill).ToHaveAttributeAsync("data-state", "connecting");
        await Assertions.Expect(pill).ToHaveTextAsync("◌ 连接中");
        await Assertions.Expect(page.Locator("#stale")).ToBeHiddenAsync();

        release.SetResult();
        await browser.WaitConnectedAsync(20_000);
        await Assertions.Expect(pill).ToHaveTextAsync("● 已连接");
        await Assertions.Expect(page.Locator("#stale")).ToBeHiddenAsync();
    }
}
