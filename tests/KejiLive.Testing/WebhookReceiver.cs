using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KejiLive.Testing;

/// <summary>A real HTTP receiver on loopback (Kestrel) that records every POST: when it arrived (Stopwatch ticks), the
/// path, the Idempotency-Key header and the JSON body. Answers 200 with a robot-style <c>{"errcode":0}</c>.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public string Url(string path = "/hook") => $"http://127.0.0.1:{Port}{path}";

    public IReadOnlyCollection<Received> All => [.. _received];

    public static async Task<WebhookReceiver> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port);
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            var at = Stopwatch.GetTimestamp();
            using var body = await JsonDocument.ParseAsync(request.Body);
            receiver._received.Enqueue(new Received(at, request.Path, request.Headers["Idempotency-Key"].ToString(), body.RootElement.Clone()));
            return Results.Json(new { errcode = 0, errmsg = "ok" });
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The first received message matching <paramref name="match"/>, waiting at most <paramref name="timeout"/>;
    /// fails loudly with what did arrive.</summary>
    public async Task<Received> WaitForAsync(Func<Received, bool> match, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            var hit = _received.FirstOrDefault(match);
            if (hit is not null) return hit;
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"No matching webhook within {timeout.TotalSeconds} s; received {_received.Count}: " +
                    string.Join(", ", _received.Select(r => r.IdempotencyKey).TakeLast(10)));
            }
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One received POST.</summary>
    public sealed record Received(long At, string Path, string IdempotencyKey, JsonElement Body);
}
