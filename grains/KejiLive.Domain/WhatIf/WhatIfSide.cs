using KejiLive.Domain.Progress;

namespace KejiLive.Domain.WhatIf;

/// <summary>One side (before or after the proposal) of a unit or of the city: the judgement of the existing rules
/// (<see cref="TargetEvaluator"/>, <see cref="CityRollUp"/>), the forecast's verdict against the annual target, and the
/// light's reason in one Chinese sentence.</summary>
public sealed record WhatIfSide(TargetEvaluation Evaluation, YearEndOutlook Outlook, string Explanation)
{
    /// <summary>差额: what the plan expects by the schedule date and is not done (0 when on or ahead of plan).</summary>
    public double Shortfall => Math.Max(0, Evaluation.Expected - Evaluation.Actual);
}
