using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>What a wall's 督办 ticker gets: the newest live 督办 it lists and the figures over all of them.</summary>
[GenerateSerializer, Alias("keji.alert-wall")]
public sealed record AlertWall
{
    [Id(0)] public ImmutableArray<AlertView> Alerts { get; init; } = [];
    [Id(1)] public required AlertTally Tally { get; init; }
}
