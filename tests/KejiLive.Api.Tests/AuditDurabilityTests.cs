using System.Collections.Concurrent;
using System.Net;
using System.Text;
using KejiLive.Api.Tests.Support;
using KejiLive.Testing;
using Microsoft.Data.Sqlite;

namespace KejiLive.Api.Tests;

/// <summary>Issue 15.4: a report and its audit entry are one commit. The real silo process takes reports from many
/// callers and is killed with SIGKILL in the middle; afterwards every acknowledged report is stored, and every stored
/// report has exactly one audit entry (counted in <c>keji.db</c> itself), and <c>GET /api/audit/verify</c> says intact.</summary>
[Collection(RestartTests.Name)]
public sealed class AuditDurabilityTests : IDisposable
{
    private static readonly string[] Units =
        ["360702", "360703", "360704", "360722", "360723", "360724", "360725", "360726", "360728", "360729", "360730", "360731"];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "keji-audit-kill-" + Guid.NewGuid().ToString("N"));
    private readonly List<KejiProcess> _started = [];

    public AuditDurabilityTests() => Directory.CreateDirectory(_dataDirectory);

    [Fact]
    public async Task SiloKilledUnderReportLoad_EveryAcknowledgedReportIsStored_AndEveryStoredReportHasExactlyOneAuditEntry()
    {
        var first = Start();
        await first.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        using var http = first.CreateClient(timeout: TimeSpan.FromSeconds(30));
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        // Set just before the kill: a request the kill cuts off can fail before the killed process is reaped (HasExited
        // still false) and before stop is set; it must count as cut off, not as a failure.
        using var killing = new CancellationTokenSource();

        // One caller per unit, values rising, so every report is accepted; some are repeats (audited apart, as report.repeat).
        var callers = Units.Select(unit => Task.Run(async () =>
        {
            for (var value = 1; !stop.IsCancellationRequested; value++)
            {
                var id = $"kill-{unit}-{value}";
                var body = KejiApi.Report(id, "talent-teams", unit, value).ToJsonString();
                try
                {
                    using var post = await http.PostAsync(new Uri(first.BaseAddress, "/api/reports"), new StringContent(body, Encoding.UTF8, "application/json"));
                    if (post.StatusCode == HttpStatusCode.Created) acknowledged.Add($"talent-teams/{unit}/{id}");
                    else if (post.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{(int)post.StatusCode}: {await post.Content.ReadAsStringAsync()}");
                    if (value % 10 == 0)
                    {
                        using var repeat = await http.PostAsync(new Uri(first.BaseAddress, "/api/reports"), new StringContent(body, Encoding.UTF8, "application/json"));
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && (killing.IsCancellationRequested || first.HasExited || stop.IsCancellationRequested))
                {
                    // The request the kill cut off: not acknowledged, so it may or may not be stored.
                    return;
                }
            }
        })).ToArray();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (acknowledged.Count < 300 && DateTime.UtcNow < deadline && callers.All(c => !c.IsFaulted)) await Task.Delay(50);
        killing.Cancel();
        first.KillHard();
        stop.Cancel();
        await Task.WhenAll(callers);
        Assert.True(acknowledged.Count >= 300, $"only {acknowledged.Count} reports acknowledged before the kill\n{first.Describe()}");

        // Read the file the killed process left (SQLite recovers the WAL on open), before any restart touches it.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "keji.db")};Pooling=False"))
        {
            db.Open();
            var stored = Strings(db, "SELECT grain_key || '/' || report_id FROM report_log");
            var audited = Strings(db, "SELECT subject FROM audit WHERE action IN ('report', 'correction')");

            Assert.Empty(acknowledged.Except(stored));
            Assert.Equal(stored.Count, audited.Count);
            Assert.Equal(stored.Order(StringComparer.Ordinal), audited.Order(StringComparer.Ordinal));
            Assert.NotEmpty(Strings(db, "SELECT subject FROM audit WHERE action = 'report.repeat'"));
        }

        var second = Start();
        await second.WaitHealthyAsync(TimeSpan.FromSeconds(60));
        using var after = second.CreateClient();
        var verify = await after.GetJsonAsync(new Uri(second.BaseAddress, "/api/audit/verify").ToString());
        Assert.True(verify["intact"]!.GetValue<bool>(), verify.ToJsonString());
        Assert.Empty(verify["unauditedReports"]!.AsArray());
    }

    private static List<string> Strings(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = new List<string>();
        while (reader.Read()) result.Add(reader.GetString(0));
        return result;
    }

    private KejiProcess Start()
    {
        var silo = KejiProcess.StartSilo(_dataDirectory, SiloPorts.Reserve(), KejiApiFactory.ClockNow, "--Auth:PermitsPerMinute", "1000000");
        _started.Add(silo);
        return silo;
    }

    public void Dispose()
    {
        foreach (var silo in _started) silo.Dispose();
        SqliteConnection.ClearAllPools();
        KejiApiFactory.TryDelete(_dataDirectory);
    }
}
