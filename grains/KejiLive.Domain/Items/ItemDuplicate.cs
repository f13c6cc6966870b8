using System.Collections.Immutable;

namespace KejiLive.Domain.Items;

/// <summary>An item claimed by more than one unit (跨单位重复): counted once, for the unit that claimed it first.</summary>
/// <param name="CountedUnit">The first claimant, whose count includes the item.</param>
/// <param name="OtherUnits">Later claimants, in claim order; their counts leave it out.</param>
/// <param name="FlaggedAt">When the second unit claimed it.</param>
public sealed record ItemDuplicate(
    string Key,
    string Name,
    string? RegistrationNumber,
    string CountedUnit,
    ImmutableArray<string> OtherUnits,
    DateTimeOffset FlaggedAt);
