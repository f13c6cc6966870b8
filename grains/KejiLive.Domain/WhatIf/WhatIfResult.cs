using System.Collections.Immutable;

namespace KejiLive.Domain.WhatIf;

/// <summary>A computed proposal: the amount moved off the source, the change of the city total (0 for a reallocation),
/// the touched units (source first, then receivers in the proposal's order) and the city, before and after.</summary>
/// <param name="Date">The Asia/Shanghai date everything was judged at.</param>
public sealed record WhatIfResult(
    string TargetId,
    DateOnly Date,
    string From,
    double Moved,
    double CityTotalChange,
    ImmutableArray<WhatIfUnitLine> Units,
    WhatIfCityLine City);
