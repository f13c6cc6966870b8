using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using Microsoft.Data.Sqlite;

namespace KejiLive.Grains.Tests;

/// <summary>State written by an earlier build stays readable. The fixture is a real database file written by the silo
/// of 2025-11-28's build (two reports in a batch, then a correction, for talent-teams × 章贡区), checked in unchanged.
/// If this test fails, a change broke the stored format: add a migration, never edit the fixture.</summary>
public sealed class StoredStateCompatibilityTests
{
    private const string Fixture = "keji-build-2025-11-28.db";

    [Fact]
    public async Task Activate_WhenDatabaseWrittenByEarlierBuild_ReadsReportsAndHistory()
    {
        var path = KejiCluster.NewDatabasePath();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", Fixture), path);
        try
        {
            await using var keji = await KejiCluster.StartAsync(new DateTimeOffset(2025, 7, 2, 9, 0, 0, TimeSpan.FromHours(8)), path);

            var detail = await keji.Client.GetGrain<ITargetGrain>(GrainKeys.Target("talent-teams", "360702")).GetDetailAsync();

            Assert.Equal(13, detail.Snapshot.Actual);
            Assert.Equal(
                [("fixture-2025-05", 9.0, false, "五月：引进团队 9 个"), ("fixture-2025-06", 14.0, false, null), ("fixture-2025-06-fix", 13.0, true, "剔除重复 1 个")],
                detail.History.Select(h => (h.ReportId, h.Value, h.Correction, h.Note)));
            Assert.All(detail.History, h => Assert.Equal(("anonymous", "127.0.0.1"), (h.SubmittedBy, h.Source)));
            Assert.Equal("2025-07-01T01:00:02", detail.History[0].ReceivedAt.UtcDateTime.ToString("s", System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            KejiCluster.DeleteDatabase(path);
        }
    }

    [Fact]
    public void Fixture_StoredJson_CarriesNoClrTypeNames()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(AppContext.BaseDirectory, "Fixtures", Fixture)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM grain_state WHERE grain_id LIKE '%talent-teams/360702'";
        var payload = (string)command.ExecuteScalar()!;

        Assert.Contains("\"reportId\":\"fixture-2025-05\"", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("$type", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("KejiLive", payload, StringComparison.Ordinal);
    }
}
