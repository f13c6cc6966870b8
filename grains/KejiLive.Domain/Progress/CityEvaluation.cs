using System.Collections.Immutable;

namespace KejiLive.Domain.Progress;

/// <summary>A city target rolled up from its units: the city's own figures and the units that account for the shortfall
/// (largest first). Overlay units are never summed.</summary>
public sealed record CityEvaluation(
    TargetEvaluation City,
    int UnitsReporting,
    int UnitsNotReported,
    ImmutableArray<Shortfall> Shortfalls);
