namespace KejiLive.Domain.Planning;

/// <summary>A point of a schedule curve: by the end of <paramref name="Date"/> (Asia/Shanghai) the cumulative
/// share <paramref name="Share"/> (0–1) of the annual target should be done.</summary>
public sealed record CurvePoint(DateOnly Date, double Share);
