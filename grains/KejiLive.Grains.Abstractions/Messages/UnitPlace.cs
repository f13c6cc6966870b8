namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>A unit's place in the 赛马 ranking, without the ranking itself.</summary>
[GenerateSerializer, Alias("keji.unit-place")]
public sealed record UnitPlace
{
    /// <summary>1-based place; null when the unit has no score.</summary>
    [Id(0)] public int? Rank { get; init; }

    /// <summary>How many units hold a place.</summary>
    [Id(1)] public int RankedUnits { get; init; }
}
