namespace KejiLive.Domain.Progress;

/// <summary>A report as it arrived, before validation: every field may be missing.</summary>
public sealed record ReportDraft(
    string? ReportId,
    string? Target,
    string? Unit,
    DateOnly? AsOf,
    double? Value,
    double? Numerator,
    double? Denominator,
    string? Note,
    bool Correction);
