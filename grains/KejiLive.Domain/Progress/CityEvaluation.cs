using System.Collections.Immutable;

namespace KejiLive.Domain.Progress;

/// <summary>A city target rolled up from its units: the city's own figures and the units that account for the shortfall
/// (largest first). Overlay units are never summed. <see cref="UnitsRed"/> counts the counted units whose own light is
/// red: the wall shows it beside the city's own light, which follows the city's 序时进度 alone.</summary>
public sealed record CityEvaluation(
    TargetEvaluation City,
    int UnitsReporting,
    int UnitsNotReported,
    ImmutableArray<Shortfall> Shortfalls,
    int UnitsRed = 0);
