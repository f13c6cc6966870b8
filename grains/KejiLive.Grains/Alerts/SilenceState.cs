using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Alerts;

namespace KejiLive.Grains.Alerts;

/// <summary>Persisted silences of a plan.</summary>
[GenerateSerializer, Alias("keji.silence-state")]
public sealed record SilenceState
{
    [Id(0)] public ImmutableArray<SilenceView> Silences { get; init; } = [];
    [Id(1)] public int LastNumber { get; init; }
}
