namespace KejiLive.Domain.Views;

/// <summary>One line of the 赛马 ranking: a unit, its score (0–120) and its 1-based place; units whose scores agree to
/// 0.01 share a place (并列).</summary>
public sealed record RankedUnit(string Unit, double Score, int Rank);
