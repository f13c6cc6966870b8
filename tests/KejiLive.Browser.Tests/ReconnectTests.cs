using System.Diagnostics;
using KejiLive.Browser.Tests.Support;
using KejiLive.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>A wall whose server goes away says so (and dims its numbers) instead of showing them as fresh, and comes
/// back on its own with current numbers when the server is back on the same address. Runs its own silo process.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectTests(KejiSite site, ITestOutputHelper output)
{
    private static readonly float DisconnectedWithinMs = 15_000;

    /// <summary>The page's own retries (SignalR's 0/1/2/5/10 s, then its loop of 2/4/8/15 s) reach a server back within
    /// this bound.</summary>
    private static readonly float RecoveredWithinMs = 60_000;

    [Fact]
    public async Task Wall_WhenSiloKilledAndRestarted_SaysDisconnectedThenRecoversWithCurrentNumbers()
    {
        const string Target = "talent-teams";
        const string Unit = "360703";
        var data = site.NewDataDirectory();
        var ports = SiloPorts.Reserve();
        var clock = Stopwatch.StartNew();
        var first = KejiSite.StartSilo(data, ports);
        KejiProcess? second = null;
        try
        {
            await first.WaitHealthyAsync(KejiSite.HealthDeadline);
            KejiSite.Record(output, $"silo start → healthy: {clock.Elapsed():F0} ms");
            using var api = KejiSite.ApiClient(first);
            await api.PostCreatedAsync(Reports.Body(Reports.NewId("before-kill"), Target, Unit, 4));

            await using var browser = await site.NewPageAsync();
            var page = browser.Page;
            await browser.OpenLiveAsync(first.BaseAddress, "/wall");
            var actual = page.Locator($"[data-target=\"{Target}\"] .actual b");
            await Assertions.Expect(actual).ToHaveTextAsync("4");
            Assert.False(await IsStaleAsync(page));

            clock.Restart();
            first.KillHard();
            await page.Locator("#conn[data-state=disconnected]").WaitForAsync(new LocatorWaitForOptions { Timeout = DisconnectedWithinMs });
            var disconnected = clock.Elapsed();
            Assert.True(await IsStaleAsync(page), "the page says disconnected but its root lacks the stale class");
            await Assertions.Expect(page.Locator("#stale")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#stale")).ToContainTextAsync("已断开");
            await Assertions.Expect(page.Locator("#conn")).ToHaveTextAsync("● 已断开");
            var opacity = await page.Locator($"[data-target=\"{Target}\"]").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).opacity)");
            Assert.True(opacity < 0.5, $"the old numbers are not dimmed while disconnected (opacity {opacity})");
            KejiSite.Record(output, $"silo killed → wall says disconnected: {disconnected:F0} ms");
            await KejiSite.ScreenshotAsync(page, "wall-disconnected", output);

            clock.Restart();
            second = KejiSite.StartSilo(data, ports);
            await second.WaitHealthyAsync(KejiSite.HealthDeadline);
            var healthy = clock.Elapsed();
            await browser.WaitConnectedAsync(RecoveredWithinMs);
            var reconnected = clock.Elapsed();
            Assert.False(await IsStaleAsync(page), "connected again but still marked stale");
            await Assertions.Expect(page.Locator("#stale")).ToBeHiddenAsync();
            KejiSite.Record(output, $"silo restarted (healthy after {healthy:F0} ms) → wall connected again after {reconnected:F0} ms");

            // Current numbers after the restart: the stored report, then a report made after the restart.
            await Assertions.Expect(actual).ToHaveTextAsync("4");
            using var api2 = KejiSite.ApiClient(second);
            clock.Restart();
            await api2.PostCreatedAsync(Reports.Body(Reports.NewId("after-restart"), Target, Unit, 9));
            await Assertions.Expect(actual).ToHaveTextAsync("9", new LocatorAssertionsToHaveTextOptions { Timeout = 5_000 });
            KejiSite.Record(output, $"report after restart → wall card: {clock.Elapsed():F0} ms (Playwright expect polling)");
        }
        catch (Exception e) when (e is TimeoutException or PlaywrightException)
        {
            throw new InvalidOperationException($"{e.Message}\n{first.Describe()}\n{second?.Describe()}", e);
        }
        finally
        {
            first.Dispose();
            second?.Dispose();
        }
    }

    private static Task<bool> IsStaleAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('stale')");
}
