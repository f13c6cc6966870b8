using System.Collections.Immutable;

namespace KejiLive.Domain.Planning;

/// <summary>A plan curve. <see cref="Points"/> is used by <see cref="CurveKind.Schedule"/> only; for
/// <see cref="CurveKind.Baseline"/> the points come from each unit's baseline.</summary>
public sealed record CurveDefinition(CurveKind Kind, Interpolation Interpolation, ImmutableArray<CurvePoint> Points)
{
    public static CurveDefinition Linear { get; } = new(CurveKind.Linear, Interpolation.Linear, []);
}
