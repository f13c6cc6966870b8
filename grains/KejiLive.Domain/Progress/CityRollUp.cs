using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>Rolls unit results up to the city: sums for counts and growth; ratios from summed numerators and
/// denominators (never an average of ratios); overlays skipped.</summary>
public static class CityRollUp
{
    public static CityEvaluation Roll(PlanDocument plan, TargetDefinition target, IReadOnlyList<UnitResult> units, DateTimeOffset now, Light previous)
        => throw new NotImplementedException();
}
