namespace KejiLive.Grains.State;

/// <summary>The data-quality mark of a stored report (<see cref="Domain.Progress.DataQuality"/>): why it was marked
/// 待核实 when accepted, and how it was settled. A report carries one only when it was marked; old rows have none.
/// Ids are stable forever: add new ones, never reorder or reuse.</summary>
[GenerateSerializer, Alias("keji.report-review")]
public sealed record ReportReview
{
    /// <summary>jump | drop.</summary>
    [Id(0)] public required string Issue { get; init; }

    /// <summary>The rule's sentence for the city office.</summary>
    [Id(1)] public required string Reason { get; init; }

    /// <summary>Change since the last trusted report, in the target's measure.</summary>
    [Id(2)] public double Change { get; init; }

    /// <summary>The largest change the rule let pass, in the target's measure.</summary>
    [Id(3)] public double Allowance { get; init; }

    /// <summary>When the city office confirmed the figure (null: not confirmed).</summary>
    [Id(4)] public DateTimeOffset? ConfirmedAt { get; init; }

    [Id(5)] public string? ConfirmedBy { get; init; }

    [Id(6)] public string? ConfirmNote { get; init; }

    /// <summary>The later report that replaced or corrected this one, which settles the mark (null: none).</summary>
    [Id(7)] public string? SettledBy { get; init; }

    [Id(8)] public DateTimeOffset? SettledAt { get; init; }

    /// <summary>When the city office sent the report back (退回): it no longer counts (null: not sent back).</summary>
    [Id(9)] public DateTimeOffset? RejectedAt { get; init; }

    [Id(10)] public string? RejectedBy { get; init; }

    [Id(11)] public string? RejectReason { get; init; }
}
