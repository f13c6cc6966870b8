using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Items;

/// <summary>A unit's item list for one target, as of a date, already checked by the caller (names present, numbers well formed).</summary>
[GenerateSerializer, Alias("keji.item-claim-batch")]
public sealed record ItemClaimBatch
{
    [Id(0)] public required string Unit { get; init; }
    [Id(1)] public DateOnly AsOf { get; init; }
    [Id(2)] public ImmutableArray<ItemLine> Items { get; init; } = [];
    [Id(3)] public required string SubmittedBy { get; init; }
    [Id(4)] public required string Source { get; init; }
}
