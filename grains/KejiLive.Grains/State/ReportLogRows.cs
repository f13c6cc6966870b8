using System.Text.Json;
using System.Text.Json.Serialization;
using KejiLive.Grains.Abstractions.Storage;

namespace KejiLive.Grains.State;

/// <summary>A stored report as a row of its target × unit's report log: the same JSON as the reports inside an earlier
/// build's <see cref="TargetState"/> (camelCase, no CLR type names), so a row reads like the old layout's element.</summary>
public static class ReportLogRows
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    public static ReportLogRow ToRow(int position, StoredReport report) =>
        new(position, report.ReportId, JsonSerializer.Serialize(report, Json));

    public static StoredReport FromRow(ReportLogRow row) =>
        JsonSerializer.Deserialize<StoredReport>(row.Payload, Json)
        ?? throw new JsonException($"Report log row {row.Position} ({row.ReportId}) is empty.");
}
