using KejiLive.Domain.Progress;

namespace KejiLive.Domain.WhatIf;

/// <summary>One side (before or after the proposal) of a unit or of the city: the judgement of the existing rules
/// (<see cref="TargetEvaluator"/>, <see cref="CityRollUp"/>), the forecast's verdict against the annual target, the
/// light's reason in one Chinese sentence, and the 差额.</summary>
/// <param name="Shortfall">差额 as the target page lists it (<see cref="Views.UnitContribution.ShortfallOf"/>): what the
/// unit owes as its light reads it (item measures in whole items) less what it has done, 0 when not behind; for the city,
/// the sum over its units.</param>
public sealed record WhatIfSide(TargetEvaluation Evaluation, YearEndOutlook Outlook, string Explanation, double Shortfall);
