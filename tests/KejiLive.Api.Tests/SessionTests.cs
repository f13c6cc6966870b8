using System.Net;
using System.Net.Http.Json;
using KejiLive.Api.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KejiLive.Api.Tests;

/// <summary>Page sessions through the in-process app: the cookie holds a server-side session id, never the token, and
/// the session ends on the server when its holder signs out or its token is revoked.</summary>
[Collection(ApiCollection.Name)]
public sealed class SessionTests(KejiApiFactory factory)
{
    private readonly HttpClient _admin = factory.CreateClient();

    [Fact]
    public async Task SignIn_SetsACookieWithARandomSessionId_NeverTheToken()
    {
        var token = await SecurityApi.CreateTokenAsync(_admin, "viewer", name: "会话号测试");
        var secret = token[(token.IndexOf('_', 3) + 1)..];

        var (first, header) = await SignInAsync(token);
        var (second, _) = await SignInAsync(token);

        Assert.Matches("^keji_session=[A-Za-z0-9_-]{43}$", first);
        Assert.NotEqual(first, second);
        Assert.DoesNotContain(token, header, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, header, StringComparison.Ordinal);
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", header, StringComparison.OrdinalIgnoreCase);
        // Served over plain HTTP here: a Secure cookie would never come back.
        Assert.DoesNotContain("secure", header.Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("会话号测试", (await MeAsync(first)).Name);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync("keji_session=" + token)).Status);
    }

    [Fact]
    public async Task SignOut_EndsTheSessionOnTheServer_SoACopyOfTheCookieStopsWorking()
    {
        var token = await SecurityApi.CreateTokenAsync(_admin, "viewer", name: "退出测试");
        var (cookie, _) = await SignInAsync(token);
        var (other, _) = await SignInAsync(token);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(cookie)).Status);

        using var client = Client();
        using var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/session");
        signOut.Headers.Add("Cookie", cookie);
        signOut.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var answer = await client.SendAsync(signOut);

        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Contains("keji_session=;", answer.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(cookie)).Status);
        // Only that session ended: the same token's other session and the token itself still work.
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(other)).Status);
        using var bearer = factory.ClientAs(token);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task RevokingTheToken_EndsEverySessionItOpened()
    {
        using var created = await _admin.PostAsJsonAsync("/api/tokens", new { name = "吊销会话测试", role = "viewer", expiresInDays = 5 });
        var json = await created.ReadJsonAsync();
        var (id, token) = (json["id"]!.GetValue<string>(), json["token"]!.GetValue<string>());
        var (cookie, _) = await SignInAsync(token);
        Assert.Equal(HttpStatusCode.OK, (await MeAsync(cookie)).Status);

        using var revoke = await _admin.DeleteAsync($"/api/tokens/{id}");

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MeAsync(cookie)).Status);
    }

    [Fact]
    public async Task SignIn_WithTheConfiguredAdminToken_OpensAnAdminSession()
    {
        var (cookie, _) = await SignInAsync(KejiApiFactory.AdminToken);

        var me = await MeAsync(cookie);

        Assert.Equal((HttpStatusCode.OK, KejiApiFactory.AdminName), (me.Status, me.Name));
    }

    /// <summary>Signs in as the login page does; returns the cookie as <c>name=value</c> and the whole Set-Cookie header.</summary>
    private async Task<(string Cookie, string Header)> SignInAsync(string token)
    {
        using var client = Client();
        using var response = await client.PostAsJsonAsync("/api/session", new { token });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = response.Headers.GetValues("Set-Cookie").Single();
        return (header.Split(';')[0], header);
    }

    private async Task<(HttpStatusCode Status, string? Name)> MeAsync(string cookie)
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK
            ? (response.StatusCode, (await response.ReadJsonAsync())["name"]!.GetValue<string>())
            : (response.StatusCode, null);
    }

    /// <summary>A client without a token and without a cookie jar: every cookie is sent by hand.</summary>
    private HttpClient Client()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = null;
        return client;
    }
}
