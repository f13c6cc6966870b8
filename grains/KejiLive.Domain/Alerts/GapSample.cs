namespace KejiLive.Domain.Alerts;

/// <summary>较序时 of a target × unit on a Shanghai date, in percentage points (negative = behind).</summary>
public sealed record GapSample(DateOnly Date, double GapPoints);
