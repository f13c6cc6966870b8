using System.Collections.Immutable;

namespace KejiLive.Grains.State;

/// <summary>Persisted state of a target × unit grain: every report ever accepted (append-only) and the light last
/// judged, which the light's hysteresis needs after a restart. Stored as JSON by the embedded storage, without CLR type
/// names; a test reads a fixture written by an earlier build.</summary>
[GenerateSerializer, Alias("keji.target-state")]
public sealed record TargetState
{
    [Id(0)] public ImmutableArray<StoredReport> Reports { get; init; } = [];

    /// <summary>green | yellow | red | grey.</summary>
    [Id(1)] public string Light { get; init; } = "grey";

    [Id(2)] public DateTimeOffset? JudgedAt { get; init; }

    /// <summary>Since when <see cref="Light"/> has been shown (null in state written before it existed): the light's
    /// minimum dwell time (LightDwell) reads it.</summary>
    [Id(3)] public DateTimeOffset? LightSince { get; init; }
}
