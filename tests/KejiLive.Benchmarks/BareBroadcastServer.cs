using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KejiLive.Benchmarks;

/// <summary>The baseline: a bare SignalR hub in its own process; POST /broadcast sends one payload of the same size as a
/// KejiLive wall change to every client, with nothing behind it.</summary>
internal static class BareBroadcastServer
{
    public static async Task RunAsync(IReadOnlyDictionary<string, string> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls("http://127.0.0.1:" + settings["port"]);
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.MapHub<BareHub>("/hubs/bare");
        app.MapPost("/broadcast", async (HttpRequest request, IHubContext<BareHub> hub) =>
        {
            using var reader = new StreamReader(request.Body);
            var payload = await reader.ReadToEndAsync();
            await hub.Clients.All.SendAsync("Changes", System.Text.Json.JsonDocument.Parse(payload).RootElement);
            return Results.Ok();
        });
        app.MapGet("/health", () => "ok");
        await app.RunAsync();
    }

    /// <summary>A hub with nothing in it: clients only listen.</summary>
    public sealed class BareHub : Hub;
}
