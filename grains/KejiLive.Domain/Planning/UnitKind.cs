namespace KejiLive.Domain.Planning;

/// <summary>What a reporting unit is.</summary>
public enum UnitKind
{
    /// <summary>One of the 18 county-level divisions.</summary>
    County,

    /// <summary>A zone that reports like a county (赣州经开区, 赣州蓉江新区).</summary>
    Zone,

    /// <summary>A zone inside another unit (赣州高新区 in 赣县区): shown beside it, never counted twice.</summary>
    Overlay,

    /// <summary>The city office (市本级), owner of city-level targets and measures.</summary>
    City,
}
