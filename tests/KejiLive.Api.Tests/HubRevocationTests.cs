using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KejiLive.Api.Tests.Support;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace KejiLive.Api.Tests;

/// <summary>A revoked token loses its open hub connections, not only its next request: with a real SignalR client over
/// both transports the test server offers.</summary>
[Collection(ApiCollection.Name)]
public sealed class HubRevocationTests(KejiApiFactory factory)
{
    /// <summary>Generous: the guard checks every 2 s; this only bounds a failing run.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly HttpClient _admin = factory.CreateClient();

    [Theory]
    [InlineData(HttpTransportType.LongPolling, "unit")]
    [InlineData(HttpTransportType.WebSockets, "viewer")]
    public async Task HubConnection_WhenItsTokenIsRevoked_IsClosedAndCannotReconnect(HttpTransportType transport, string role)
    {
        var (id, token) = await CreateTokenAsync(role);
        await using var hub = Connect(token, transport);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        var wall = await hub.InvokeAsync<JsonElement>("WatchWall");
        Assert.True(wall.GetProperty("seq").GetInt64() >= 0);

        using var revoke = await _admin.DeleteAsync($"/api/tokens/{id}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        // No call from the client: the server must close the connection on its own.
        await closed.Task.WaitAsync(Patience);

        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        await using var again = Connect(token, transport);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => again.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task WatchTarget_RightAfterItsTokenIsRevoked_IsRefused()
    {
        var (id, token) = await CreateTokenAsync("viewer");
        await using var hub = Connect(token, HttpTransportType.LongPolling);
        await hub.StartAsync();
        var before = await hub.InvokeAsync<JsonElement>("WatchTarget", "talent-teams");

        using var revoke = await _admin.DeleteAsync($"/api/tokens/{id}");
        // The method checks the token itself; or the long-polling send carrying the call is refused 401 (the revoking node
        // forgot the token at once); or, if the guard was quicker, the connection is already gone.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => hub.InvokeAsync<JsonElement>("WatchTarget", "talent-teams"));

        Assert.True(before.GetProperty("seq").GetInt64() >= 0);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.True(refused is HubException or HttpRequestException { StatusCode: HttpStatusCode.Unauthorized } || hub.State != HubConnectionState.Connected,
            refused.ToString());
    }

    [Fact]
    public async Task HubConnection_WhenAnotherTokenIsRevoked_StaysOpenAndWorking()
    {
        var (_, kept) = await CreateTokenAsync("viewer");
        var (otherId, _) = await CreateTokenAsync("viewer");
        await using var hub = Connect(kept, HttpTransportType.LongPolling);
        await hub.StartAsync();

        using var revoke = await _admin.DeleteAsync($"/api/tokens/{otherId}");
        await Task.Delay(TimeSpan.FromSeconds(5));
        var target = await hub.InvokeAsync<JsonElement>("WatchTarget", "talent-teams");

        Assert.Equal(HubConnectionState.Connected, hub.State);
        Assert.True(target.GetProperty("seq").GetInt64() >= 0);
    }

    [Fact]
    public async Task HubConnection_OpenedWithASessionCookie_IsClosedWhenTheSessionSignsOut()
    {
        var (_, token) = await CreateTokenAsync("viewer");
        using var browser = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        browser.DefaultRequestHeaders.Authorization = null;
        using var signIn = await browser.PostAsJsonAsync("/api/session", new { token });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/live"), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Headers["Cookie"] = cookie;
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
        await hub.StartAsync();
        Assert.True((await hub.InvokeAsync<JsonElement>("WatchWall")).GetProperty("seq").GetInt64() >= 0);

        using var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/session");
        signOut.Headers.Add("Cookie", cookie);
        signOut.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var answer = await browser.SendAsync(signOut);
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        await closed.Task.WaitAsync(Patience);

        Assert.Equal(HubConnectionState.Disconnected, hub.State);
    }

    private async Task<(string Id, string Token)> CreateTokenAsync(string role)
    {
        var body = role == "unit"
            ? (object)new { name = "吊销连接测试", role, unit = "360702", expiresInDays = 5 }
            : new { name = "吊销连接测试", role, expiresInDays = 5 };
        using var created = await _admin.PostAsJsonAsync("/api/tokens", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.ReadJsonAsync();
        return (json["id"]!.GetValue<string>(), json["token"]!.GetValue<string>());
    }

    private HubConnection Connect(string token, HttpTransportType transport) => new HubConnectionBuilder()
        .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/live"), o =>
        {
            o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
            o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            o.Transports = transport;
            o.WebSocketFactory = async (context, cancellation) =>
            {
                var client = factory.Server.CreateWebSocketClient();
                client.ConfigureRequest = r => r.Headers.Authorization = "Bearer " + token;
                return await client.ConnectAsync(context.Uri, cancellation);
            };
        })
        .Build();
}
