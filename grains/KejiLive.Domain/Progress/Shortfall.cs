namespace KejiLive.Domain.Progress;

/// <summary>How much a unit is behind its expected value (in the target's measure) and its share of the city's total shortfall.</summary>
public sealed record Shortfall(string UnitId, double Amount, double Share);
