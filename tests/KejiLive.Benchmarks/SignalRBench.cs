using KejiLive.Testing;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace KejiLive.Benchmarks;

/// <summary>Report → change seen by N SignalR clients watching the wall (WebSockets), against the real silo in its own
/// process; then the same N clients on a bare SignalR hub in its own process receiving a same-sized broadcast. Reports
/// are spaced beyond the 500 ms merge window, so every change leaves at once (the path under test, not the throttle).</summary>
internal static class SignalRBench
{
    public static async Task RunAsync(IReadOnlyDictionary<string, string> settings)
    {
        var counts = settings.GetValueOrDefault("clients", "1,100,1000").Split(',').Select(int.Parse).ToArray();
        var rounds = int.Parse(settings.GetValueOrDefault("rounds", "30"), System.Globalization.CultureInfo.InvariantCulture);
        // The silo is built with this project (KejiLive.Testing references it) in the same configuration, and runs from its
        // own output folder on free ports: no separate build step, and no clash with a silo already on 11111/30000.
        var ports = FreePorts.Reserve(4);
        var barePort = ports[3];
        var data = Path.Combine(Path.GetTempPath(), "keji-signalr-bench-" + Guid.NewGuid().ToString("N"));
        using var keji = KejiProcess.StartSilo(data, new SiloPorts(ports[0], ports[1], ports[2]), "2025-07-01T09:00:00+08:00", "--Logging:LogLevel:Default=Warning");
        var kejiPort = ports[0];
        using var bare = Start("dotnet", $"{typeof(SignalRBench).Assembly.Location} mode=bare-server port={barePort}");
        try
        {
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", KejiProcess.AdminToken);
            await keji.WaitHealthyAsync(TimeSpan.FromSeconds(90));
            await WaitHealthyAsync(http, $"http://127.0.0.1:{barePort}/health");
            var plan = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{kejiPort}/api/plan");
            var talent = plan.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("id").GetString() == "talent-teams");
            var units = talent.GetProperty("split").EnumerateArray().Select(s => s.GetProperty("unit").GetString()!).ToArray();
            var value = 0;

            foreach (var n in counts)
            {
                var kejiLatencies = await MeasureAsync($"http://127.0.0.1:{kejiPort}/hubs/live", "WatchWall", n, rounds, async round =>
                {
                    var unit = units[round % units.Length];
                    value++;
                    var body = new { reportId = $"bench-{n}-{round}-{Guid.NewGuid():N}", target = "talent-teams", unit, asOf = "2025-06-30", value };
                    using var response = await http.PostAsJsonAsync($"http://127.0.0.1:{kejiPort}/api/reports", body);
                    response.EnsureSuccessStatusCode();
                }, update => update.GetProperty("cities").EnumerateArray().Any(c => c.GetProperty("target").GetString() == "talent-teams"));
                var payload = JsonSerializer.Serialize(new { group = "wall", seq = 1, cities = new[] { talent }, targets = Array.Empty<int>(), units = Array.Empty<int>() });
                var bareLatencies = await MeasureAsync($"http://127.0.0.1:{barePort}/hubs/bare", null, n, rounds, async _ =>
                {
                    using var response = await http.PostAsync($"http://127.0.0.1:{barePort}/broadcast", new StringContent(payload));
                    response.EnsureSuccessStatusCode();
                }, _ => true);
                Report(n, kejiLatencies, bareLatencies);
            }
        }
        finally
        {
            keji.KillHard();
            bare.Kill(entireProcessTree: true);
            bare.WaitForExit();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Connects <paramref name="n"/> clients, then per round: stamp, trigger, and collect each client's first
    /// matching message after the stamp.</summary>
    private static async Task<double[]> MeasureAsync(string url, string? watch, int n, int rounds, Func<int, Task> trigger, Func<JsonElement, bool> matches)
    {
        var connections = new HubConnection[n];
        var arrivals = new ConcurrentQueue<long>[n];
        var armed = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var c = i;
            arrivals[c] = new ConcurrentQueue<long>();
            connections[c] = new HubConnectionBuilder()
                .WithUrl(url, o =>
                {
                    o.SkipNegotiation = true;
                    o.Transports = HttpTransportType.WebSockets;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(KejiProcess.AdminToken);
                })
                .Build();
            connections[c].On<JsonElement>("Changes", update =>
            {
                var at = Stopwatch.GetTimestamp();
                if (Volatile.Read(ref armed[c]) && matches(update))
                {
                    Volatile.Write(ref armed[c], false);
                    arrivals[c].Enqueue(at);
                }
            });
        }
        foreach (var batch in connections.Chunk(50))
        {
            await Task.WhenAll(batch.Select(async h =>
            {
                await h.StartAsync();
                if (watch is not null) await h.InvokeAsync<JsonElement>(watch);
            }));
        }
        await Task.Delay(1500); // let changes caused before the measurement drain

        var latencies = new List<double>(n * rounds);
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < n; i++) Volatile.Write(ref armed[i], true);
            var sent = Stopwatch.GetTimestamp();
            await trigger(round);
            var deadline = Stopwatch.GetTimestamp() + 5 * Stopwatch.Frequency;
            while (arrivals.Sum(a => a.Count) < n && Stopwatch.GetTimestamp() < deadline) await Task.Delay(5);
            foreach (var a in arrivals)
            {
                while (a.TryDequeue(out var at)) latencies.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
            }
            await Task.Delay(650); // past the 500 ms merge window, so the next change leaves at once
        }
        await Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));
        var missing = n * rounds - latencies.Count;
        if (missing > 0) Console.WriteLine($"  {url}: {missing} of {n * rounds} deliveries not seen within 5 s");
        return [.. latencies.Order()];
    }

    private static void Report(int n, double[] keji, double[] bare)
    {
        static double P(double[] xs, double q) => xs.Length == 0 ? double.NaN : xs[Math.Min(xs.Length - 1, (int)(xs.Length * q))];
        Console.WriteLine($"{n,5} clients: report→change p50 {P(keji, 0.5),7:F1} ms  p99 {P(keji, 0.99),7:F1} ms ({keji.Length} deliveries) | " +
            $"bare broadcast p50 {P(bare, 0.5),7:F1} ms  p99 {P(bare, 0.99),7:F1} ms | p99 ratio {P(keji, 0.99) / P(bare, 0.99):F2}");
    }

    private static Process Start(string file, string arguments)
    {
        var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine("  [child] " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitHealthyAsync(HttpClient http, string url)
    {
        var deadline = Stopwatch.GetTimestamp() + 60 * Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException(url + " did not become healthy within 60 s");
    }
}
