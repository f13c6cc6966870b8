namespace KejiLive.Domain.Planning;

/// <summary>How a target's value is measured and judged. Stored in the plan file as camelCase text.</summary>
public enum TargetKind
{
    /// <summary>A cumulative count or amount (家, 个, 亿元) that grows through the year along a plan curve.</summary>
    Count,

    /// <summary>A cumulative amount that must grow by <see cref="TargetDefinition.Growth"/> over last year;
    /// the plan curve comes from last year's same-period figures (the unit's baseline).</summary>
    Growth,

    /// <summary>A ratio (numerator / denominator × scale) that must stay at or above a value at all times.</summary>
    Ratio,

    /// <summary>Dated milestones of a platform, pilot base or key measure; the value is how many are done.</summary>
    Milestone,

    /// <summary>A count with a floor (the target) and a stretch goal, e.g. 6–10 揭榜挂帅 projects.</summary>
    Range,

    /// <summary>A position in a ranking, lower is better (e.g. 省科学技术奖 居全省前列: rank ≤ 3).</summary>
    Rank,
}
