using KejiLive.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace KejiLive.Api.Tests.Support;

/// <summary>The whole system in-process: silo, embedded storage in a fresh temp directory, and the dashboard, with the
/// plan clock pinned to 2025-07-01 09:00 Shanghai (speed 1, so the plan date does not change during a run).</summary>
public sealed class KejiApiFactory : WebApplicationFactory<Program>
{
    public const string ClockNow = "2025-07-01T09:00:00+08:00";

    /// <summary>The configured admin token; <see cref="WebApplicationFactory{T}.CreateClient()"/> clients send it.</summary>
    public const string AdminToken = KejiProcess.AdminToken;

    /// <summary>How the configured admin token's holder is recorded (submittedBy, actor, createdBy, audit).</summary>
    public const string AdminName = "admin（Auth:AdminToken）";

    /// <summary>Targets in the shipped plan (16 main + 16 milestone targets).</summary>
    public const int PlanTargets = 32;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "keji-api-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>A real webhook receiver on loopback: the contact point every unit, the leader and the city office route to.</summary>
    public WebhookReceiver Webhook { get; } = WebhookReceiver.StartAsync(FreePorts.Reserve(1)[0]).GetAwaiter().GetResult();

    /// <summary>Every unit of the shipped plan (20 ranked, the overlay and the city office).</summary>
    public static readonly string[] Units =
    [
        "360702", "360703", "360704", "360781", "360783", "360722", "360723", "360724", "360725", "360726", "360728",
        "360729", "360730", "360731", "360732", "360733", "360734", "360735", "jkq", "rjxq", "gxq", "city",
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(DataDirectory);
        builder.UseSetting("Data:Directory", DataDirectory);
        builder.UseSetting("Auth:AdminToken", AdminToken);
        builder.UseSetting("Auth:PermitsPerMinute", "1000000");
        builder.UseSetting("Clock:Now", ClockNow);
        builder.UseSetting("Clock:Speed", "1");
        builder.UseSetting("Alerts:ContactPoints:hook:Kind", "webhook");
        builder.UseSetting("Alerts:ContactPoints:hook:Url", Webhook.Url());
        builder.UseSetting("Alerts:GatherDelay", "00:00:00");
        foreach (var unit in Units) builder.UseSetting($"Alerts:Routes:Units:{unit}:0", "hook");
        builder.UseSetting("Alerts:Routes:City:0", "hook");
        builder.UseSetting("Alerts:Routes:Leader:0", "hook");
        FreeOrleansPorts.Use(builder);
    }

    /// <summary>Clients act as admin unless a test replaces the Authorization header (see <see cref="ClientAs"/>).</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
    }

    /// <summary>A client sending <paramref name="token"/> (none when null).</summary>
    public HttpClient ClientAs(string? token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = token is null ? null : new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) TryDelete(DataDirectory);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Webhook.DisposeAsync();
        TryDelete(DataDirectory);
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a finishing process: leave the temp directory to the OS.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>One factory for every in-process API test class: only one co-hosted silo may run at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<KejiApiFactory>
{
    public const string Name = "api";
}
