namespace KejiLive.Grains.Abstractions.Security;

/// <summary>A token as the admin sees it: everything but the secret (which is shown once, at creation, and never kept).</summary>
[GenerateSerializer, Alias("keji.token")]
public sealed record TokenView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    /// <summary>admin | leader | unit | viewer.</summary>
    [Id(2)] public required string Role { get; init; }
    [Id(3)] public string? Unit { get; init; }
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public DateTimeOffset ExpiresAt { get; init; }
    [Id(6)] public required string CreatedBy { get; init; }
    [Id(7)] public DateTimeOffset? RevokedAt { get; init; }
    [Id(8)] public string? RevokedBy { get; init; }

    /// <summary>When the token last authenticated a request (null: never used).</summary>
    [Id(9)] public DateTimeOffset? LastUsedAt { get; init; }
}

/// <summary>A new token: its record and, once only, the token text to hand to its holder.</summary>
[GenerateSerializer, Alias("keji.token-created")]
public sealed record TokenCreated
{
    [Id(0)] public required TokenView Token { get; init; }
    [Id(1)] public required string Secret { get; init; }
}
