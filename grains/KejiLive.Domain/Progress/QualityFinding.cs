namespace KejiLive.Domain.Progress;

/// <summary>A report found far outside its unit's history: accepted, but 待核实 until the city office confirms it.</summary>
/// <param name="Change">The change since the last trusted report, in the target's measure (negative for a drop).</param>
/// <param name="Allowance">The largest change the rule lets pass without a mark, in the target's measure.</param>
/// <param name="Reason">One Chinese sentence for the city office, e.g. 较 2025-06-30 增加 150，超过按历史和计划进度估计的 3 倍（上限 36）.</param>
public sealed record QualityFinding(QualityIssue Issue, double Change, double Allowance, string Reason);
