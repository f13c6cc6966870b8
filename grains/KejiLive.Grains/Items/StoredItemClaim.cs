namespace KejiLive.Grains.Items;

/// <summary>One claim as persisted (see <see cref="KejiLive.Domain.Items.ItemClaim"/>). Never reorder ids.</summary>
[GenerateSerializer, Alias("keji.stored-item-claim")]
public sealed record StoredItemClaim
{
    [Id(0)] public required string Key { get; init; }
    [Id(1)] public required string Unit { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public string? RegistrationNumber { get; init; }
    [Id(4)] public DateOnly AsOf { get; init; }
    [Id(5)] public DateTimeOffset ClaimedAt { get; init; }
    [Id(6)] public required string SubmittedBy { get; init; }
    [Id(7)] public required string Source { get; init; }
}
