namespace KejiLive.Domain.WhatIf;

/// <summary>Will the year-end forecast make the (new) annual target?</summary>
public enum YearEndOutlook
{
    /// <summary>No forecast yet (nothing reported, or a kind without one): 暂无预测.</summary>
    Unknown,

    /// <summary>The point forecast reaches the target: 预计能完成.</summary>
    Reach,

    /// <summary>The point forecast falls short but the forecast's range still reaches the target: 有风险.</summary>
    AtRisk,

    /// <summary>Even the forecast's high end is below the target: 预计难完成.</summary>
    Miss,
}
