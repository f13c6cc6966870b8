namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>The answer to a confirmation of a 待核实 report: the target × unit after it, or why not.</summary>
[GenerateSerializer, Alias("keji.review-result")]
public sealed record ReviewResult
{
    /// <summary>No report with that id in this target × unit.</summary>
    [Id(0)] public bool NotFound { get; init; }

    /// <summary>Refused: the field at fault and a Chinese message (the report was never marked, or a later report
    /// already settled it).</summary>
    [Id(1)] public string? Field { get; init; }

    [Id(2)] public string? Message { get; init; }

    /// <summary>The state after the confirmation (also when the report was already confirmed: confirming is idempotent).</summary>
    [Id(3)] public TargetDetail? Detail { get; init; }
}
