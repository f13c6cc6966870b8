using System.Collections.Immutable;

namespace KejiLive.Grains.Items;

/// <summary>Persisted state of a target's item registry: every claim in the order made (append-only; order decides who
/// counts a duplicate), and the duplicate keys already announced to the city office.</summary>
[GenerateSerializer, Alias("keji.item-registry-state")]
public sealed record ItemRegistryState
{
    [Id(0)] public ImmutableArray<StoredItemClaim> Claims { get; init; } = [];

    /// <summary>"key@unit" of every later claimant already announced, so a restart or a repeat announces nothing twice.</summary>
    [Id(1)] public ImmutableArray<string> Announced { get; init; } = [];
}
