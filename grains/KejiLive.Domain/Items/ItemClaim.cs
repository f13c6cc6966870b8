namespace KejiLive.Domain.Items;

/// <summary>A unit's claim of one item for one target, as kept: who listed it, for which date, when, from where.
/// Claims are never removed; the first unit to claim a key counts it.</summary>
public sealed record ItemClaim(
    string Key,
    string UnitId,
    string Name,
    string? RegistrationNumber,
    DateOnly AsOf,
    DateTimeOffset ClaimedAt,
    string SubmittedBy,
    string Source);
