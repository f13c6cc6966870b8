namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>A report on its way to the grain of its target × unit, already checked against the plan by the caller.
/// The grain stamps the arrival time from its own clock.</summary>
[GenerateSerializer, Immutable, Alias("keji.report-submission")]
public sealed record ReportSubmission
{
    [Id(0)] public required string ReportId { get; init; }
    [Id(1)] public DateOnly AsOf { get; init; }
    [Id(2)] public double Value { get; init; }
    [Id(3)] public double? Numerator { get; init; }
    [Id(4)] public double? Denominator { get; init; }
    [Id(5)] public bool Correction { get; init; }
    [Id(6)] public string? Note { get; init; }
    [Id(7)] public required string SubmittedBy { get; init; }
    [Id(8)] public required string Source { get; init; }
}
