using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using KejiLive.Api.Tests.Support;
using KejiLive.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KejiLive.Api.Tests;

/// <summary>One issuer and one silo for the whole class (a process start costs seconds).</summary>
public sealed class OidcFixture : IAsyncLifetime
{
    public const string Audience = "kejilive";
    public RSA Key { get; } = RSA.Create(2048);
    public RSA StrangerKey { get; } = RSA.Create(2048);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "keji-oidc-" + Guid.NewGuid().ToString("N"));
    private WebApplication _issuer = null!;
    public string IssuerUrl { get; private set; } = null!;
    public KejiProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var port = FreePorts.Reserve(1)[0];
        IssuerUrl = $"http://127.0.0.1:{port}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(IssuerUrl);
        _issuer = builder.Build();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(Key.ExportParameters(false)) { KeyId = "k1" });
        _issuer.MapGet("/.well-known/openid-configuration", () => Results.Json(new
        {
            issuer = IssuerUrl,
            jwks_uri = IssuerUrl + "/jwks",
            id_token_signing_alg_values_supported = new[] { "RS256" },
        }));
        _issuer.MapGet("/jwks", () => Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } }));
        await _issuer.StartAsync();

        Directory.CreateDirectory(_dataDirectory);
        Silo = KejiProcess.StartSilo(_dataDirectory, SiloPorts.Reserve(), KejiApiFactory.ClockNow,
            "--Auth:Jwt:Authority", IssuerUrl, "--Auth:Jwt:Audience", Audience, "--Auth:Jwt:RequireHttpsMetadata", "false");
        await Silo.WaitHealthyAsync(TimeSpan.FromSeconds(90));
    }

    public async Task DisposeAsync()
    {
        Silo.Dispose();
        await _issuer.DisposeAsync();
        KejiApiFactory.TryDelete(_dataDirectory);
    }

}

/// <summary>
/// JWT bearer from an OIDC provider, by configuration only: a real issuer on loopback (discovery document and JWKS over
/// HTTP, RSA keys made here) and the real silo process configured with <c>Auth:Jwt:*</c>. The provider's role and unit
/// claims become KejiLive's; everything a KejiLive token may not do, a JWT may not do either.
/// </summary>
public sealed class OidcJwtTests(OidcFixture oidc) : IClassFixture<OidcFixture>
{
    private const string Audience = OidcFixture.Audience;
    private KejiProcess Silo => oidc.Silo;

    [Fact]
    public async Task UnitJwt_ReportsForItsOwnUnitOnly_AndIsRecordedByItsName()
    {
        using var client = Client(Token(new() { ["keji_role"] = "unit", ["keji_unit"] = "360702", ["name"] = "章贡区 王科员" }));

        using var own = await client.PostReportAsync(KejiApi.Report("jwt-own-1", "talent-teams", "360702", 2, "2025-06-20"));
        using var other = await client.PostReportAsync(KejiApi.Report("jwt-other-1", "talent-teams", "360703", 2, "2025-06-20"));
        using var me = await client.GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var who = await me.ReadJsonAsync();
        Assert.Equal(("章贡区 王科员", "unit", "360702"), (who["name"]!.GetValue<string>(), who["role"]!.GetValue<string>(), who["unit"]!.GetValue<string>()));
        using var admin = Silo.CreateClient();
        var history = (await admin.GetTargetUnitAsync("talent-teams", "360702"))["history"]!.AsArray();
        Assert.Equal("章贡区 王科员", history[^1]!["submittedBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task LeaderJwt_ReadsTheAudit_ButCannotManageTokens_AndJoinsTheHub()
    {
        var token = Token(new() { ["keji_role"] = "leader", ["name"] = "分管副局长" });
        using var client = Client(token);

        using var audit = await client.GetAsync("/api/audit");
        using var tokens = await client.GetAsync("/api/tokens");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(Silo.BaseAddress, "/hubs/live"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = HttpTransportType.WebSockets;
            })
            .Build();
        await hub.StartAsync();
        var wall = await hub.InvokeAsync<System.Text.Json.JsonElement>("WatchWall");

        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tokens.StatusCode);
        Assert.Equal("wall", wall.GetProperty("group").GetString());
    }

    public static TheoryData<string> BadTokens() => ["stranger-key", "wrong-audience", "wrong-issuer", "expired", "no-role", "unknown-role", "unit-without-unit"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Jwt_ThatIsNotTrustworthyOrNotComplete_Is401(string flaw)
    {
        var claims = new Dictionary<string, object> { ["keji_role"] = "admin", ["name"] = "x" };
        var (key, audience, issuer, expires) = (oidc.Key, Audience, oidc.IssuerUrl, DateTime.UtcNow.AddMinutes(10));
        switch (flaw)
        {
            case "stranger-key": key = oidc.StrangerKey; break;
            case "wrong-audience": audience = "someone-else"; break;
            case "wrong-issuer": issuer = "http://127.0.0.1:1"; break;
            case "expired": expires = DateTime.UtcNow.AddMinutes(-10); break;
            case "no-role": claims.Remove("keji_role"); break;
            case "unknown-role": claims["keji_role"] = "root"; break;
            case "unit-without-unit": claims["keji_role"] = "unit"; break;
        }
        using var client = Client(Token(claims, key, audience, issuer, expires));

        using var response = await client.GetAsync("/api/plan");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private HttpClient Client(string token)
    {
        var client = Silo.CreateClient(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private string Token(Dictionary<string, object> claims, RSA? key = null, string audience = Audience, string? issuer = null, DateTime? expires = null)
    {
        var notBefore = (expires ?? DateTime.UtcNow.AddMinutes(10)).AddMinutes(-30);
        claims["sub"] = "user-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? oidc.IssuerUrl,
            Audience = audience,
            Claims = claims,
            IssuedAt = notBefore,
            NotBefore = notBefore,
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? oidc.Key) { KeyId = "k1" }, SecurityAlgorithms.RsaSha256),
        });
    }
}
