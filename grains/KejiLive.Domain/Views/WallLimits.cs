namespace KejiLive.Domain.Views;

/// <summary>What a wall (大屏) carries. A wall shows every unit while there are few; beyond that it shows the city, the
/// leaders and the laggards of the 赛马 with counts — never one tile per unit of a 2,850-unit plan.</summary>
public static class WallLimits
{
    /// <summary>Up to this many ranked units, the wall shows every unit's card and the whole ranking.</summary>
    public const int ShowAllUpTo = 40;

    /// <summary>Beyond <see cref="ShowAllUpTo"/>: the best this many units.</summary>
    public const int Leaders = 10;

    /// <summary>Beyond <see cref="ShowAllUpTo"/>: the last this many units.</summary>
    public const int Laggards = 10;

    /// <summary>Beyond <see cref="ShowAllUpTo"/>: at most this many open 督办 (newest first), with the total count.</summary>
    public const int Alerts = 100;
}
