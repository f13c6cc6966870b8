using System.Net.Http.Json;
using System.Text.Json.Nodes;
using KejiLive.Browser.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace KejiLive.Browser.Tests;

/// <summary>Signing a real browser in: a wall screen set up with <c>/wall?kiosk=1#token=…</c> lands on the login page
/// (the server never sees the fragment), signs itself in and comes back to the live wall; a revoked token sends it to
/// the login page again.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInTests(KejiSite site, ITestOutputHelper output)
{
    [Fact]
    public async Task WallScreen_WithATokenInTheFragment_SignsItselfInAndShowsTheLiveWall_AndARevokedTokenEndsTheSession()
    {
        using var created = await site.Api.PostAsJsonAsync("/api/tokens", new { name = "大屏（会议室）", role = "viewer", expiresInDays = 30 });
        var json = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var (id, token) = (json["id"]!.GetValue<string>(), json["token"]!.GetValue<string>());
        await using var browser = await site.NewPageAsync(sessionToken: null);
        var page = browser.Page;
        var requested = new List<string>();
        page.Request += (_, r) => requested.Add(r.Url);

        await page.GotoAsync(new Uri(site.Silo.BaseAddress, $"/wall?kiosk=1#token={token}").ToString());
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/wall\?kiosk=1$"), new PageWaitForURLOptions { Timeout = 20_000 });
        await browser.WaitConnectedAsync(20_000);

        await Assertions.Expect(page.Locator("#cards > *").First).ToBeVisibleAsync();
        Assert.DoesNotContain(requested, u => u.Contains(token, StringComparison.Ordinal));
        var cookies = await page.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "keji_session");
        Assert.NotEqual(token, session.Value);
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, session.SameSite);
        Assert.Empty(browser.PageErrors);
        await KejiSite.ScreenshotAsync(page, "wall-signed-in-viewer", output);

        (await site.Api.DeleteAsync($"/api/tokens/{id}")).EnsureSuccessStatusCode();
        await page.ReloadAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/login\?next="), new PageWaitForURLOptions { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#token")).ToBeVisibleAsync();
    }
}
