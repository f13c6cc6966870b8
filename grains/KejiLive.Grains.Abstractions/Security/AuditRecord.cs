namespace KejiLive.Grains.Abstractions.Security;

/// <summary>One audited change: who (name, role, their unit), when (plan clock), from which address, what (action and
/// subject) and how (detail, the values as submitted). <see cref="Seq"/> and <see cref="Hash"/> are set by the log.</summary>
[GenerateSerializer, Alias("keji.audit-record")]
public sealed record AuditRecord
{
    [Id(0)] public long Seq { get; init; }
    [Id(1)] public DateTimeOffset At { get; init; }
    [Id(2)] public required string Actor { get; init; }
    [Id(3)] public required string Role { get; init; }
    [Id(4)] public string? Unit { get; init; }
    [Id(5)] public required string Address { get; init; }
    /// <summary>report | correction | upload | ack | close | review.confirm | silence.add | silence.remove |
    /// token.create | token.revoke | plan.load | pack.generate.</summary>
    [Id(6)] public required string Action { get; init; }
    [Id(7)] public required string Subject { get; init; }
    [Id(8)] public string Detail { get; init; } = "";
    [Id(9)] public string Hash { get; init; } = "";
}

/// <summary>Which audit entries to read: a time range (plan clock, from inclusive, until exclusive), optionally one
/// action and one actor, newest first, at most <see cref="Limit"/>, before sequence number <see cref="BeforeSeq"/> for paging.</summary>
[GenerateSerializer, Alias("keji.audit-query")]
public sealed record AuditQuery
{
    [Id(0)] public DateTimeOffset? From { get; init; }
    [Id(1)] public DateTimeOffset? Until { get; init; }
    [Id(2)] public string? Action { get; init; }
    [Id(3)] public string? Actor { get; init; }
    [Id(4)] public int Limit { get; init; } = 200;
    [Id(5)] public long? BeforeSeq { get; init; }
    [Id(6)] public bool OldestFirst { get; init; }
}
