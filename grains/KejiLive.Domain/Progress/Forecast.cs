namespace KejiLive.Domain.Progress;

/// <summary>Year-end forecast in the target's measure, with a low–high range (Low ≤ Value ≤ High).</summary>
public sealed record Forecast(double Value, double Low, double High);
