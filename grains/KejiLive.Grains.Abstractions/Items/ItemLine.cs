namespace KejiLive.Grains.Abstractions.Items;

/// <summary>One item as a unit lists it (name, and registration number when it has one).</summary>
[GenerateSerializer, Alias("keji.item-line")]
public sealed record ItemLine
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public string? RegistrationNumber { get; init; }
}
