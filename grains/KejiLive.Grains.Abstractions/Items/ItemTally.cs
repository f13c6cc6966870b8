using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Items;

/// <summary>A unit's count of one target from its items, and what a claim added.</summary>
[GenerateSerializer, Alias("keji.item-tally")]
public sealed record ItemTally
{
    [Id(0)] public required string Target { get; init; }
    [Id(1)] public required string Unit { get; init; }

    /// <summary>The unit's items that no other unit claimed first: its value for the target.</summary>
    [Id(2)] public int Count { get; init; }

    /// <summary>Items the claim added (0 when it repeated known items).</summary>
    [Id(3)] public int Added { get; init; }

    /// <summary>This unit's items another unit claimed first: listed, not counted.</summary>
    [Id(4)] public ImmutableArray<ItemView> Duplicates { get; init; } = [];
}
