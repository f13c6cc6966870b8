namespace KejiLive.Domain.Planning;

/// <summary>Last year's cumulative figure up to <paramref name="Date"/> (a date in the year before the plan year).</summary>
public sealed record BaselinePoint(DateOnly Date, double Value);
