namespace KejiLive.Grains.State;

/// <summary>An accepted report as persisted. Ids are stable forever: add new ones, never reorder or reuse.</summary>
[GenerateSerializer, Alias("keji.stored-report")]
public sealed record StoredReport
{
    [Id(0)] public required string ReportId { get; init; }
    [Id(1)] public DateOnly AsOf { get; init; }
    [Id(2)] public double Value { get; init; }
    [Id(3)] public double? Numerator { get; init; }
    [Id(4)] public double? Denominator { get; init; }
    [Id(5)] public bool Correction { get; init; }
    [Id(6)] public string? Note { get; init; }
    [Id(7)] public DateTimeOffset ReceivedAt { get; init; }
    [Id(8)] public required string SubmittedBy { get; init; }
    [Id(9)] public required string Source { get; init; }

    /// <summary>Set when the report was marked 待核实 on acceptance (far outside the unit's history); null otherwise and
    /// in rows written before the check existed.</summary>
    [Id(10)] public ReportReview? Review { get; init; }
}
