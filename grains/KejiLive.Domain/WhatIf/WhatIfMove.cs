namespace KejiLive.Domain.WhatIf;

/// <summary>One receiving unit of a proposed reallocation: it takes <see cref="Amount"/> (in the target's measure) or
/// <see cref="Share"/> (a fraction 0–1 of the amount moved) of the source unit's annual target; exactly one is given.</summary>
public sealed record WhatIfMove(string Unit, double? Amount, double? Share);
