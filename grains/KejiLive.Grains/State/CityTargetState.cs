namespace KejiLive.Grains.State;

/// <summary>Persisted state of a city roll-up: only what cannot be rebuilt from the target grains — the city light last
/// judged, which the light's hysteresis needs after a restart (a light that improved only past the hysteresis band must
/// not fall back to its raw colour because the silo restarted). Everything else is rebuilt on activation.</summary>
[GenerateSerializer, Alias("keji.city-target-state")]
public sealed record CityTargetState
{
    /// <summary>green | yellow | red | grey.</summary>
    [Id(0)] public string Light { get; init; } = "grey";

    [Id(1)] public DateTimeOffset? JudgedAt { get; init; }
}
