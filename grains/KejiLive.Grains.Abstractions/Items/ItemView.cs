namespace KejiLive.Grains.Abstractions.Items;

/// <summary>One claim of an item as shown: whose, since when, and whether it counts for this unit.</summary>
[GenerateSerializer, Alias("keji.item-view")]
public sealed record ItemView
{
    [Id(0)] public required string Target { get; init; }
    [Id(1)] public required string Unit { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public string? RegistrationNumber { get; init; }

    /// <summary>The key items are compared by (<c>no:</c> normalised number, or <c>name:</c> normalised name).</summary>
    [Id(4)] public required string Key { get; init; }
    [Id(5)] public DateOnly AsOf { get; init; }
    [Id(6)] public DateTimeOffset ClaimedAt { get; init; }
    [Id(7)] public required string SubmittedBy { get; init; }

    /// <summary>True when this unit claimed the item first, so its count includes it.</summary>
    [Id(8)] public bool Counted { get; init; }

    /// <summary>The unit that counts it, when another unit claimed it first (跨单位重复).</summary>
    [Id(9)] public string? CountedBy { get; init; }
}
