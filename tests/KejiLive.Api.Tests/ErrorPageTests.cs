using System.Net;
using KejiLive.Api.Tests.Support;

namespace KejiLive.Api.Tests;

/// <summary>A browser (Accept: text/html) gets Chinese error pages; API clients keep getting problem+json, with Chinese
/// readable (not \u-escaped). Also: the token list says when each token was last used.</summary>
[Collection(ApiCollection.Name)]
public sealed class ErrorPageTests(KejiApiFactory factory)
{
    [Theory]
    [InlineData("viewer", "/admin/tokens", HttpStatusCode.Forbidden, "无权访问")]
    [InlineData("viewer", "/review", HttpStatusCode.Forbidden, "无权访问")]
    [InlineData("viewer", "/no-such-page", HttpStatusCode.NotFound, "页面不存在")]
    [InlineData("leader", "/api/tokens", HttpStatusCode.Forbidden, "无权访问")]
    public async Task Browser_WhenRefused_GetsAChineseHtmlPage(string role, string path, HttpStatusCode status, string title)
    {
        using var client = await ClientAsync(role, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        using var response = await client.GetAsync(path);

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<title>{(int)status} {title}", html, StringComparison.Ordinal);
        Assert.Contains("返回首页", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/tokens", HttpStatusCode.Forbidden)]
    [InlineData("/api/tokens", HttpStatusCode.Forbidden)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task ApiClient_WhenRefused_KeepsGettingReadableProblemJson(string path, HttpStatusCode status)
    {
        using var client = await ClientAsync("viewer", "application/json");

        using var response = await client.GetAsync(path);

        var text = await response.Content.ReadAsStringAsync();
        await response.AssertProblemAsync(status);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_WithoutASession_IsSentToTheLoginPage_WhichIsChinese()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = null;
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");

        using var redirect = await client.GetAsync("/alerts");
        using var login = await client.GetAsync("/login");

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/login?next=%2Falerts", redirect.Headers.Location?.OriginalString);
        var html = await login.Content.ReadAsStringAsync();
        Assert.Contains("访问令牌", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("[A-Za-z]{4,}</(label|button|h2)>", html);
    }

    [Fact]
    public async Task TokenList_AfterATokenIsUsed_SaysWhenItWasLastUsed()
    {
        using var admin = factory.CreateClient();
        var token = await SecurityApi.CreateTokenAsync(admin, "viewer", name: "最近使用测试");
        var id = token.Split('_')[1];
        var before = (await admin.GetJsonAsync("/api/tokens")).AsArray().Single(t => t!["id"]!.GetValue<string>() == id)!;
        using var viewer = factory.ClientAs(token);

        (await viewer.GetAsync("/api/me")).EnsureSuccessStatusCode();

        var after = (await admin.GetJsonAsync("/api/tokens")).AsArray().Single(t => t!["id"]!.GetValue<string>() == id)!;
        Assert.Null(before["lastUsedAt"]?.GetValue<DateTimeOffset?>());
        Assert.NotNull(after["lastUsedAt"]?.GetValue<DateTimeOffset>());
    }

    private async Task<HttpClient> ClientAsync(string role, string accept)
    {
        using var admin = factory.CreateClient();
        var client = factory.ClientAs(await SecurityApi.CreateTokenAsync(admin, role));
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.Accept.ParseAdd(accept);
        return client;
    }
}
