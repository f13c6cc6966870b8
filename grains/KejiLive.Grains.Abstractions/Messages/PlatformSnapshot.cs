using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>A platform, pilot base or key measure: its owner's judged state and each milestone's status.</summary>
[GenerateSerializer, Alias("keji.platform-snapshot")]
public sealed record PlatformSnapshot
{
    [Id(0)] public required TargetSnapshot State { get; init; }
    [Id(1)] public ImmutableArray<MilestoneLine> Milestones { get; init; } = [];
}
