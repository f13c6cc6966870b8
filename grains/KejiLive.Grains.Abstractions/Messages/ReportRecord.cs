using KejiLive.Domain.Progress;

namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>One accepted report as stored and shown in history: what was said, and who said it, when, from where.</summary>
[GenerateSerializer, Alias("keji.report-record")]
public sealed record ReportRecord
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

    /// <summary>The report as the domain judges it.</summary>
    public ReportEntry ToEntry() => new(ReportId, AsOf, Value, Numerator, Denominator, Correction, Note, ReceivedAt, SubmittedBy, Source);
}
