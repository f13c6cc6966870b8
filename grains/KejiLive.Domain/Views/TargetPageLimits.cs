namespace KejiLive.Domain.Views;

/// <summary>What a target page (目标详情) carries. Up to <see cref="ShowAllUpTo"/> units it lists every unit, sorted in the
/// browser; beyond, the breakdown comes worst first from the server one page at a time, and the shortfall list is the
/// largest few with the total.</summary>
public static class TargetPageLimits
{
    /// <summary>Up to this many units, the page lists every unit of the breakdown.</summary>
    public const int ShowAllUpTo = 100;

    /// <summary>Beyond <see cref="ShowAllUpTo"/>: units per page of the breakdown.</summary>
    public const int PageSize = 50;

    /// <summary>Units <c>GET /api/targets/{t}</c> lists without a limit (all of them up to this many).</summary>
    public const int Units = 500;

    /// <summary>Shortfall lines <c>GET /api/targets/{t}/shortfalls</c> lists without a limit.</summary>
    public const int Shortfalls = 50;

    /// <summary>Beyond this many open 督办 of a target, its page's snapshot carries the most severe this many, with the total.</summary>
    public const int Alerts = 100;
}
