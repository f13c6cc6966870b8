using System.Net;
using System.Text.Json.Nodes;
using KejiLive.Api.Tests.Support;
using Microsoft.Data.Sqlite;

namespace KejiLive.Api.Tests;

/// <summary>Issue 15.4 and 15.5 through the API: a repeated reportId is audited, a batch retried after a lost answer
/// stores nothing twice, and <c>GET /api/audit/verify</c> finds a stored report that has no audit entry. Its own app:
/// one test plants a report behind the API's back, which would break the shared app's verify.</summary>
public sealed class AuditOfReportsTests(KejiApiFactory factory) : IClassFixture<KejiApiFactory>
{
    private readonly HttpClient _admin = factory.CreateClient();

    private async Task<JsonNode[]> AuditOfAsync(string subject) =>
        [.. (await SecurityApi.AuditAsync(_admin, "?limit=1000")).Where(e => e!["subject"]!.GetValue<string>() == subject).Select(e => e!)];

    [Fact]
    public async Task RepeatedReportId_IsAnsweredAsARepeatAndAuditedAsOne_WithoutASecondReportEntry()
    {
        var id = KejiApi.NewId("repeat");
        (await _admin.PostReportAsync(KejiApi.Report(id, "talent-teams", "360702", 4))).EnsureSuccessStatusCode();

        using var repeat = await _admin.PostReportAsync(KejiApi.Report(id, "talent-teams", "360702", 4));

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var entries = await AuditOfAsync($"talent-teams/360702/{id}");
        Assert.Equal(["report.repeat", "report"], entries.Select(e => e["action"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Contains("value=4", e["detail"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(KejiApiFactory.AdminName, entries[0]["actor"]!.GetValue<string>());
    }

    [Fact]
    public async Task BatchRetriedWhole_StoresEachReportOnce_AnswersEachItemAsARepeat_AndAuditsEachReportOnce()
    {
        var ids = new[] { KejiApi.NewId("batch-a"), KejiApi.NewId("batch-b") };
        JsonArray Batch() => [KejiApi.Report(ids[0], "talent-teams", "360703", 2), KejiApi.Report(ids[1], "talent-teams", "360704", 3)];

        using var first = await _admin.PostReportAsync(Batch());
        using var retry = await _admin.PostReportAsync(Batch());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(["created", "created"], (await first.ReadJsonAsync()).AsArray().Select(i => i!["outcome"]!.GetValue<string>()));
        Assert.Equal(["duplicate", "duplicate"], (await retry.ReadJsonAsync()).AsArray().Select(i => i!["outcome"]!.GetValue<string>()));
        Assert.Equal(1, (await _admin.GetTargetUnitAsync("talent-teams", "360703")).HistoryCount());
        Assert.Equal(1, (await _admin.GetTargetUnitAsync("talent-teams", "360704")).HistoryCount());
        Assert.Single(await AuditOfAsync($"talent-teams/360703/{ids[0]}"), e => e["action"]!.GetValue<string>() == "report");
        Assert.Single(await AuditOfAsync($"talent-teams/360704/{ids[1]}"), e => e["action"]!.GetValue<string>() == "report");
    }

    [Fact]
    public async Task Verify_WhenAStoredReportHasNoAuditEntry_SaysNotIntactAndNamesTheReport()
    {
        (await _admin.PostReportAsync(KejiApi.Report(KejiApi.NewId("audited"), "talent-teams", "360722", 5))).EnsureSuccessStatusCode();
        var before = await _admin.GetJsonAsync("/api/audit/verify");

        // What a crash between a report's write and a separate audit append used to leave: a report without its entry.
        using (var db = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, "keji.db")};Pooling=False;Default Timeout=10"))
        {
            db.Open();
            using var plant = db.CreateCommand();
            plant.CommandText = "INSERT INTO report_log (grain_key, position, report_id, payload) VALUES ('talent-teams/360723', 0, 'planted', '{}');";
            plant.ExecuteNonQuery();
        }

        var after = await _admin.GetJsonAsync("/api/audit/verify");

        Assert.True(before["intact"]!.GetValue<bool>(), before.ToJsonString());
        Assert.Empty(before["unauditedReports"]!.AsArray());
        Assert.False(after["intact"]!.GetValue<bool>(), after.ToJsonString());
        Assert.Null(after["firstBroken"]);
        Assert.Equal(["talent-teams/360723/planted"], after["unauditedReports"]!.AsArray().Select(u => u!.GetValue<string>()));
    }
}
