using System.Diagnostics;
using System.Net.Http.Json;
using KejiLive.Testing;

namespace KejiLive.Benchmarks;

/// <summary>From the report that opens a 督办 to the unit's webhook receiving it: the real silo as a process (plan clock
/// pinned to a Tuesday 10:00, outside every mute window), a real webhook receiver on loopback. Each round reports 5% of the annual target for a
/// fresh target × unit with 5% of its annual target (far behind, so the alert opens at once) and waits for the message carrying that alert's id.
/// Settings: <c>rounds=100</c> (one per target × unit, at most 100; fewer for a smoke run).</summary>
internal static class AlertBench
{
    public static async Task RunAsync(IReadOnlyDictionary<string, string> settings)
    {
        var rounds = int.Parse(settings.GetValueOrDefault("rounds", "100"), System.Globalization.CultureInfo.InvariantCulture);
        var ports = FreePorts.Reserve(4);
        await using var receiver = await WebhookReceiver.StartAsync(ports[3]);
        var data = Path.Combine(Path.GetTempPath(), "keji-alert-bench-" + Guid.NewGuid().ToString("N"));
        var args = new List<string>
        {
            "--Alerts:ContactPoints:hook:Kind=webhook", $"--Alerts:ContactPoints:hook:Url={receiver.Url()}",
            "--Alerts:Routes:City:0=hook", "--Alerts:Routes:Leader:0=hook", "--Logging:LogLevel:Default=Warning",
        };
        // Count and growth targets that are expected to be well under way on 1 July: 1 reported is far behind.
        var targets = new[] { "talent-teams", "tech-smes", "project-applications", "project-funding", "rd-spending-growth" };
        var units = new[] { "360702", "360703", "360704", "360781", "360783", "360722", "360723", "360724", "360725", "360726",
            "360728", "360729", "360730", "360731", "360732", "360733", "360734", "360735", "jkq", "rjxq" };
        args.AddRange(units.Select(u => $"--Alerts:Routes:Units:{u}:0=hook"));
        using var silo = KejiProcess.StartSilo(data, new SiloPorts(ports[0], ports[1], ports[2]), "2025-07-01T10:00:00+08:00", [.. args]);
        try
        {
            await silo.WaitHealthyAsync(TimeSpan.FromSeconds(90));
            using var http = silo.CreateClient();
            await Task.Delay(3000); // the start-up judgement's 未报送 notices drain first
            var latencies = new List<double>();
            var round = 0;
            foreach (var (target, unit) in targets.SelectMany(t => units.Select(u => (t, u))).Take(rounds))
            {
                round++;
                // 5% of the unit's annual target: far behind whatever the unit's size, so a 督办 opens at once.
                var annual = (await http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/targets/{target}/{unit}")).GetProperty("annualTarget").GetDouble();
                var value = Math.Round(annual * 0.05, 4);
                var sent = Stopwatch.GetTimestamp();
                using var response = await http.PostAsJsonAsync("/api/reports",
                    new { reportId = $"bench-{round}", target, unit, asOf = "2025-06-30", value });
                response.EnsureSuccessStatusCode();
                var prefix = $"{target}.{unit}."; // the first 督办 the report opens (behind or will-miss)
                try
                {
                    var hit = await receiver.WaitForAsync(r => r.IdempotencyKey.StartsWith(prefix, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
                    latencies.Add(Stopwatch.GetElapsedTime(sent, hit.At).TotalMilliseconds);
                }
                catch (TimeoutException)
                {
                    var state = await http.GetStringAsync($"/api/targets/{target}/{unit}");
                    Console.WriteLine($"  no 督办 reached the webhook within 10 s for {target} × {unit}: {state[..Math.Min(300, state.Length)]}");
                }
            }
            if (latencies.Count == 0) throw new InvalidOperationException($"none of {round} reports brought a 督办 to the webhook");
            latencies.Sort();
            double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * q))];
            Console.WriteLine($"report → webhook for a newly opened 督办: {latencies.Count} alerts, p50 {P(0.5):F1} ms, p99 {P(0.99):F1} ms, max {latencies[^1]:F1} ms");
        }
        finally
        {
            silo.KillHard();
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }
}
