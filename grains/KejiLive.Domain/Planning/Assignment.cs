using System.Collections.Immutable;

namespace KejiLive.Domain.Planning;

/// <summary>A target's share for one unit (分解), or the whole target for its one owner.</summary>
/// <param name="UnitId">The unit (county code, zone id, or the city office).</param>
/// <param name="Target">The unit's annual target in the target's measure. For growth targets this is derived:
/// last year's total × (1 + growth). For ratios, the ratio to hold; for ranks, the place to reach.</param>
/// <param name="Office">The local office responsible, e.g. 章贡区科技局.</param>
/// <param name="Baseline">Last year's cumulative same-period figures (growth targets), in date order; the last
/// point is last year's total.</param>
public sealed record Assignment(string UnitId, double Target, string Office, ImmutableArray<BaselinePoint> Baseline)
{
    /// <summary>Last year's total (growth targets), else null.</summary>
    public double? BaselineTotal => Baseline.IsDefaultOrEmpty ? null : Baseline[^1].Value;
}
