using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using KejiLive.Api.Tests.Support;
using KejiLive.Testing;

namespace KejiLive.Api.Tests;

/// <summary>Forwarded headers over real HTTP to the real process: only the known proxy (<c>Network:KnownProxies</c>,
/// here 127.0.0.2) is believed about the client's address and https; the same headers from any other sender (here
/// 127.0.0.1) change nothing; and open reading on loopback holds only for requests that come from this machine directly.</summary>
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.ProxySilo fixture) : IClassFixture<ForwardedHeadersTests.ProxySilo>
{
    internal static readonly IPAddress KnownProxy = IPAddress.Parse("127.0.0.2");
    internal static readonly IPAddress UnknownProxy = IPAddress.Loopback;

    [Fact]
    public async Task KnownProxy_SayingHttps_GetsASecureCookieAndHsts_AndItsClientAddressIsAudited()
    {
        using var proxy = fixture.ClientFrom(KnownProxy);

        using var signIn = await proxy.SendAsync(Forwarded(HttpMethod.Post, "/api/session", "203.0.113.7", "https",
            JsonContent.Create(new { token = KejiProcess.AdminToken })));
        using var created = await proxy.SendAsync(Forwarded(HttpMethod.Post, "/api/tokens", "203.0.113.7", "https",
            JsonContent.Create(new { name = "经代理创建", role = "viewer", expiresInDays = 5 }), bearer: true));

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("; secure", signIn.Headers.GetValues("Set-Cookie").Single(), StringComparison.OrdinalIgnoreCase);
        Assert.True(signIn.Headers.Contains("Strict-Transport-Security"), "no HSTS on a request the known proxy says came over https");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("203.0.113.7", await AuditedAddressAsync("经代理创建"));
    }

    [Fact]
    public async Task UnknownSender_OfTheSameHeaders_ChangesNothing()
    {
        using var other = fixture.ClientFrom(UnknownProxy);

        using var signIn = await other.SendAsync(Forwarded(HttpMethod.Post, "/api/session", "203.0.113.8", "https",
            JsonContent.Create(new { token = KejiProcess.AdminToken })));
        using var created = await other.SendAsync(Forwarded(HttpMethod.Post, "/api/tokens", "203.0.113.8", "https",
            JsonContent.Create(new { name = "伪造转发创建", role = "viewer", expiresInDays = 5 }), bearer: true));

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.DoesNotContain("secure", signIn.Headers.GetValues("Set-Cookie").Single().Replace("samesite", "", StringComparison.OrdinalIgnoreCase), StringComparison.OrdinalIgnoreCase);
        Assert.False(signIn.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("127.0.0.1", await AuditedAddressAsync("伪造转发创建"));
    }

    [Fact]
    public async Task OpenReadingOnLoopback_HoldsOnlyForDirectRequests_NotForwardedOnesNorTheProxysOwn()
    {
        using var direct = fixture.ClientFrom(UnknownProxy);
        using var proxy = fixture.ClientFrom(KnownProxy);

        using var local = await direct.GetAsync("/api/plan");
        using var forwardedLocal = await proxy.SendAsync(Forwarded(HttpMethod.Get, "/api/plan", "127.0.0.1", "http"));
        using var forwardedRemote = await proxy.SendAsync(Forwarded(HttpMethod.Get, "/api/plan", "203.0.113.9", "http"));
        using var proxyItself = await proxy.GetAsync("/api/plan");
        using var spoofed = await direct.SendAsync(Forwarded(HttpMethod.Get, "/api/plan", "203.0.113.9", "http"));

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forwardedLocal.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forwardedRemote.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, proxyItself.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, spoofed.StatusCode);
    }

    private async Task<string?> AuditedAddressAsync(string tokenName)
    {
        using var admin = fixture.Silo.CreateClient();
        var entries = (await admin.GetJsonAsync("/api/audit?action=token.create")).AsArray();
        return entries.FirstOrDefault(e => e!["detail"]!.GetValue<string>().Contains(tokenName, StringComparison.Ordinal))?["address"]?.GetValue<string>();
    }

    internal static HttpRequestMessage Forwarded(HttpMethod method, string path, string forwardedFor, string proto, HttpContent? content = null, bool bearer = false)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", proto);
        if (bearer) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KejiProcess.AdminToken);
        return request;
    }

    /// <summary>One silo process that trusts 127.0.0.2 as its proxy, reads openly on loopback and allows few requests.</summary>
    public sealed class ProxySilo : IAsyncLifetime
    {
        public const int PermitsPerMinute = 8;
        private readonly string _data = Path.Combine(Path.GetTempPath(), "keji-proxy-" + Guid.NewGuid().ToString("N"));

        public KejiProcess Silo { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Directory.CreateDirectory(_data);
            Silo = KejiProcess.StartSilo(_data, SiloPorts.Reserve(), KejiApiFactory.ClockNow,
                "--Network:KnownProxies=127.0.0.2", "--Auth:OpenReadingOnLoopback=true", $"--Auth:PermitsPerMinute={PermitsPerMinute}");
            await Silo.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        }

        /// <summary>A client without a token whose connections leave from <paramref name="local"/>.</summary>
        public HttpClient ClientFrom(IPAddress local)
        {
            var handler = new SocketsHttpHandler
            {
                UseCookies = false,
                ConnectCallback = async (context, cancellation) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        socket.Bind(new IPEndPoint(local, 0));
                        await socket.ConnectAsync(context.DnsEndPoint, cancellation);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            };
            return new HttpClient(handler) { BaseAddress = Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        }

        public Task DisposeAsync()
        {
            Silo.Dispose();
            KejiApiFactory.TryDelete(_data);
            return Task.CompletedTask;
        }
    }
}

/// <summary>The rate limit's client address behind the known proxy, on a silo of its own (it spends the loopback
/// senders' allowance).</summary>
public sealed class ForwardedRateLimitTests(ForwardedHeadersTests.ProxySilo fixture) : IClassFixture<ForwardedHeadersTests.ProxySilo>
{
    private static readonly IPAddress KnownProxy = ForwardedHeadersTests.KnownProxy;
    private static readonly IPAddress UnknownProxy = ForwardedHeadersTests.UnknownProxy;

    [Fact]
    public async Task RateLimit_CountsTheKnownProxysClients_EachOnItsOwn_ButNotAddressesAnyoneElseClaims()
    {
        using var proxy = fixture.ClientFrom(KnownProxy);
        using var other = fixture.ClientFrom(UnknownProxy);

        // Through the known proxy: one client runs out, the next client starts fresh.
        var first = await StatusesAsync(proxy, _ => "198.51.100.1");
        using var second = await proxy.SendAsync(ForwardedHeadersTests.Forwarded(HttpMethod.Get, "/api/status", "198.51.100.2", "http"));
        // From elsewhere, a new claimed address each time is still the one sender.
        var claimed = await StatusesAsync(other, i => "198.51.100." + (10 + i));

        Assert.Equal(HttpStatusCode.TooManyRequests, first[^1]);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, claimed[^1]);
    }

    /// <summary>Sends anonymous requests until one is refused with 429, at most one more than the limit allows.</summary>
    private static async Task<List<HttpStatusCode>> StatusesAsync(HttpClient client, Func<int, string> forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= ForwardedHeadersTests.ProxySilo.PermitsPerMinute && statuses.LastOrDefault() != HttpStatusCode.TooManyRequests; i++)
        {
            using var response = await client.SendAsync(ForwardedHeadersTests.Forwarded(HttpMethod.Get, "/api/status", forwardedFor(i), "http"));
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

}
