namespace KejiLive.Domain.Weekly;

/// <summary>A value on a date (Asia/Shanghai), in the target's measure.</summary>
public sealed record DatedValue(DateOnly Date, double Value);
