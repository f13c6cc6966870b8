namespace KejiLive.Domain.Planning;

/// <summary>The shape of a target's plan trajectory (序时进度) through the year.</summary>
public enum CurveKind
{
    /// <summary>Elapsed days / days in the year.</summary>
    Linear,

    /// <summary>Cumulative shares at dates (e.g. 高企 certified in batches from September).</summary>
    Schedule,

    /// <summary>Last year's same-period share of last year's total (growth targets).</summary>
    Baseline,

    /// <summary>Flat: the whole target applies from 1 January (ratios that must hold all year).</summary>
    Flat,

    /// <summary>The share of milestones due by the day.</summary>
    Milestones,
}
