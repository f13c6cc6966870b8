namespace KejiLive.Domain.Planning;

/// <summary>A unit that reports: a county-level division, a zone, an overlay (赣州高新区 inside 赣县区), or the
/// city office itself for city-level targets.</summary>
/// <param name="Id">Administrative code for counties (e.g. 360702), a short id otherwise.</param>
/// <param name="Kind">county | zone | overlay | city.</param>
/// <param name="OverlayOf">For an overlay: the unit whose figures already include it. Overlays are shown, never summed.</param>
public sealed record ReportingUnit(string Id, string Name, UnitKind Kind, string? OverlayOf)
{
    /// <summary>True for the 20 units that the city ranks and sums (counties and zones).</summary>
    public bool IsRanked => Kind is UnitKind.County or UnitKind.Zone;

    /// <summary>The local office responsible for reporting (plan file <c>office</c>); split entries may override it.
    /// Null when the unit was built in code without one.</summary>
    public string? Office { get; init; }
}
