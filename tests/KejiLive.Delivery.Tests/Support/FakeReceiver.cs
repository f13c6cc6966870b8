using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KejiLive.Delivery.Tests.Support;

/// <summary>A real HTTP receiver on 127.0.0.1 (Kestrel) playing a WeCom robot, a DingTalk robot or an Alertmanager
/// webhook receiver: checks each request like the real service would (a violation is answered with errcode 40008 and
/// recorded), records it, and answers with <see cref="Respond"/>. It can be stopped (connection refused) and started
/// again on the same port.</summary>
internal sealed class FakeReceiver(int port, TimeProvider time, Func<HttpRequest, string, string?> check) : IAsyncDisposable
{
    public static readonly (int Status, string Body) RobotOk = (200, """{"errcode":0,"errmsg":"ok"}""");

    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private WebApplication? _app;

    public int Port { get; } = port;
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The answer to the n-th request (0-based); a robot's errcode 0 by default.</summary>
    public Func<int, ReceivedRequest, (int Status, string Body)> Respond { get; set; } = (_, _) => RobotOk;

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>Requests answered with success: what the users of the receiver saw.</summary>
    public IReadOnlyList<ReceivedRequest> Accepted => [.. _received.Where(r => r.Ok)];

    public IReadOnlyList<string> Violations => [.. _received.Where(r => r.Violation is not null).Select(r => r.Violation!)];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var request = new ReceivedRequest(context.Request.Path, context.Request.QueryString.Value ?? "",
                context.Request.Headers["Idempotency-Key"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault(),
                body, time.GetUtcNow(), check(context.Request, body));
            var (status, answer) = request.Violation is null
                ? Respond(_received.Count, request)
                : (200, JsonSerializer.Serialize(new { errcode = 40008, errmsg = request.Violation }));
            _received.Enqueue(request with { Ok = request.Violation is null && IsSuccess(status, answer) });
            return Results.Content(answer, "application/json", statusCode: status);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        _app = app;
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static bool IsSuccess(int status, string answer)
    {
        if (status is < 200 or >= 300) return false;
        try
        {
            using var json = JsonDocument.Parse(answer);
            return !json.RootElement.TryGetProperty("errcode", out var code) || code.GetInt32() == 0;
        }
        catch (JsonException)
        {
            return true;
        }
    }
}
