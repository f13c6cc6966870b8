namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>The answer to a report: the outcome, the field and reason when refused, and the state after it.</summary>
[GenerateSerializer, Immutable, Alias("keji.ingest-result")]
public sealed record IngestResult
{
    [Id(0)] public IngestOutcome Outcome { get; init; }
    [Id(1)] public string? Field { get; init; }
    [Id(2)] public string? Message { get; init; }
    [Id(3)] public required TargetSnapshot Snapshot { get; init; }
}
