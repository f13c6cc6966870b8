using System.Text.Json;
using System.Text.Json.Serialization;
using KejiLive.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace KejiLive.Storage.Tests;

public sealed class SqliteGrainStorageFormatTests : IDisposable
{
    private const string StateName = "target";
    private static readonly GrainId Grain = GrainId.Create("target", "x");
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task StoredJson_WhenWritten_HasCamelCaseNamesEnumStringsAndNoTypeNames()
    {
        await using (var storage = _database.OpenStorage())
        {
            await storage.WriteStateAsync(StateName, Grain, new TestGrainState<TargetState>(GrainStorageSemanticsTests.Sample()));
        }

        var payload = (string)_database.Scalar("SELECT payload FROM grain_state")!;

        Assert.DoesNotContain("$type", payload, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(TargetState), payload, StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(TargetState).Namespace!, payload, StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(TargetState).Assembly.GetName().Name!, payload, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(payload);
        Assert.Equal("accepted", document.RootElement.GetProperty("status").GetString());
        Assert.Equal("2025-03-31", document.RootElement.GetProperty("deadline").GetString());
        Assert.Equal(2, document.RootElement.GetProperty("readings").GetArrayLength());
        Assert.Equal("target", (string?)_database.Scalar("SELECT grain_type FROM grain_state"));
    }

    [Fact]
    public async Task StoredJson_WhenStateHasComputedPropertiesAndChineseText_LeavesThemOutAndKeepsTheTextUnescaped()
    {
        await using (var storage = _database.OpenStorage())
        {
            await storage.WriteStateAsync(StateName, Grain, new TestGrainState<ComputedState>(new ComputedState("章贡区", [1, 2, 3])));
        }

        var payload = (string)_database.Scalar("SELECT payload FROM grain_state")!;

        Assert.Equal("""{"name":"章贡区","values":[1,2,3]}""", payload);
    }

    [Fact]
    public async Task Read_WhenOlderBuildStoredComputedPropertiesAndEscapedText_LoadsTheState()
    {
        await using var storage = _database.OpenStorage();
        await storage.StartAsync();
        PlantRow(Grain.ToString(), 4, """{"name":"\u7AE0\u8D21\u533A","values":[1,2],"count":2,"doubled":[2,4]}""");

        var read = new TestGrainState<ComputedState>(null!);
        await storage.ReadStateAsync(StateName, Grain, read);

        Assert.Equal("章贡区", read.State.Name);
        Assert.Equal([1, 2], read.State.Values.ToArray());
        Assert.Equal(2, read.State.Count);
    }

    [Fact]
    public async Task Read_WhenRowWrittenByOlderBuildHasUnknownAndMissingProperties_LoadsKnownValuesAndDefaults()
    {
        await using var storage = _database.OpenStorage();
        await storage.StartAsync();
        PlantRow(Grain.ToString(), 7, """
            {"title":"old build","status":"Accepted","retiredField":{"nested":[1,2]},"revision":3,"Score":"2.5"}
            """);

        var read = new TestGrainState<TargetState>(new TargetState());
        await storage.ReadStateAsync(StateName, Grain, read);

        Assert.Equal("7", read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal("old build", read.State.Title);
        Assert.Equal(ReportStatus.Accepted, read.State.Status);
        Assert.Equal(3, read.State.Revision);
        Assert.Equal(2.5, read.State.Score);
        Assert.Empty(read.State.Readings);
        Assert.Null(read.State.Deadline);
    }

    [Fact]
    public async Task Read_WhenPositionalRecordRowLacksNullableParameter_LoadsWithNull()
    {
        await using var storage = _database.OpenStorage();
        await storage.StartAsync();
        PlantRow(Grain.ToString(), 1, """{"name":"n","values":[1],"day":"2024-01-31","unknown":true}""");

        var read = new TestGrainState<PositionalState>(null!);
        await storage.ReadStateAsync(StateName, Grain, read);

        Assert.Equal("n", read.State.Name);
        Assert.Equal([1], read.State.Values.ToArray());
        Assert.Equal(new DateOnly(2024, 1, 31), read.State.Day);
        Assert.Null(read.State.Average);
    }

    [Fact]
    public async Task Start_WhenFileIsNew_CreatesDirectoryWalJournalAndSchemaVersion()
    {
        await using (var storage = _database.OpenStorage())
        {
            await storage.StartAsync();
            Assert.True(File.Exists(_database.FilePath));
            Assert.Equal("wal", (string?)_database.Scalar("PRAGMA journal_mode"));
        }

        Assert.Equal((long)SqliteSchema.CurrentVersion, _database.Scalar("PRAGMA user_version"));
    }

    [Fact]
    public async Task Start_WhenFileHasNewerSchemaVersion_Refuses()
    {
        await using (var storage = _database.OpenStorage())
        {
            await storage.StartAsync();
        }

        _database.Scalar("PRAGMA user_version = 99");
        await using var newer = _database.OpenStorage();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => newer.StartAsync());
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAndRead_WhenCallerAddsConverter_UseInjectedSerializerOptions()
    {
        var options = new SqliteGrainStorageOptions { DatabasePath = _database.FilePath };
        options.JsonSerializerOptions.Converters.Insert(0, new JsonStringEnumConverter<ReportStatus>(JsonNamingPolicy.SnakeCaseUpper));
        await using var storage = new SqliteGrainStorage("custom", options);

        await storage.WriteStateAsync(StateName, Grain, new TestGrainState<TargetState>(new TargetState { Status = ReportStatus.Accepted }));

        var payload = (string)_database.Scalar("SELECT payload FROM grain_state")!;
        Assert.Contains("\"status\":\"ACCEPTED\"", payload, StringComparison.Ordinal);
        var read = new TestGrainState<TargetState>(new TargetState());
        await storage.ReadStateAsync(StateName, Grain, read);
        Assert.Equal(ReportStatus.Accepted, read.State.Status);
    }

    private void PlantRow(string grainId, long version, string payload)
    {
        using var connection = _database.OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO grain_state (state_name, grain_id, grain_type, version, payload, updated_at)
            VALUES ($state, $grain, 'target', $version, $payload, '2024-01-01T00:00:00.0000000+00:00');
            """;
        command.Parameters.AddWithValue("$state", StateName);
        command.Parameters.AddWithValue("$grain", grainId);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.Add("$payload", SqliteType.Text).Value = payload;
        command.ExecuteNonQuery();
    }
}
