using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Items;

/// <summary>An item claimed by two or more units of one target (跨单位重复), counted once for the first claimant.</summary>
[GenerateSerializer, Alias("keji.duplicate-view")]
public sealed record DuplicateView
{
    [Id(0)] public required string Target { get; init; }
    [Id(1)] public required string Key { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public string? RegistrationNumber { get; init; }
    [Id(4)] public required string CountedUnit { get; init; }
    [Id(5)] public ImmutableArray<string> OtherUnits { get; init; } = [];
    [Id(6)] public DateTimeOffset FlaggedAt { get; init; }
}
