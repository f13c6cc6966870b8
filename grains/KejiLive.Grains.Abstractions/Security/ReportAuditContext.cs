namespace KejiLive.Grains.Abstractions.Security;

/// <summary>Who sent a request that stores reports, as its audit entries name them: the grain that stores the reports
/// writes their entries in the same commit (one entry per stored report; a repeat of a stored reportId is audited as
/// <c>report.repeat</c>).</summary>
[GenerateSerializer, Immutable, Alias("keji.report-audit-context")]
public sealed record ReportAuditContext
{
    [Id(0)] public required string Actor { get; init; }

    /// <summary>The role in lower case, or "anonymous".</summary>
    [Id(1)] public required string Role { get; init; }

    [Id(2)] public string? Unit { get; init; }

    [Id(3)] public required string Address { get; init; }

    /// <summary>The channel when it is not the JSON API (e.g. "upload"); written as <c>via=…</c> in the detail.</summary>
    [Id(4)] public string? Via { get; init; }
}
