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

    /// <summary>True while the report is 待核实: far outside the unit's history, not yet confirmed by the city office nor
    /// settled by a later report.</summary>
    [Id(10)] public bool PendingReview { get; init; }

    /// <summary>The data-quality mark as text: 待核实 (awaiting confirmation), 已核实 (confirmed), 已更正 (settled by a
    /// later report); null when the report was never marked.</summary>
    [Id(11)] public string? Quality { get; init; }

    /// <summary>Why it was marked (the rule's sentence), or null.</summary>
    [Id(12)] public string? QualityReason { get; init; }

    /// <summary>Who confirmed it or sent it back, when, and with what note (the reason when sent back).</summary>
    [Id(13)] public string? ReviewedBy { get; init; }

    [Id(14)] public DateTimeOffset? ReviewedAt { get; init; }

    [Id(15)] public string? ReviewNote { get; init; }

    /// <summary>The later report that replaced or corrected it, when that settled the mark.</summary>
    [Id(16)] public string? SettledBy { get; init; }

    /// <summary>True when the city office sent it back (退回): kept in the history, not counted.</summary>
    [Id(17)] public bool Rejected { get; init; }

    /// <summary>The report as the domain judges it.</summary>
    public ReportEntry ToEntry() =>
        new(ReportId, AsOf, Value, Numerator, Denominator, Correction, Note, ReceivedAt, SubmittedBy, Source) { AwaitingReview = PendingReview, Rejected = Rejected };
}
