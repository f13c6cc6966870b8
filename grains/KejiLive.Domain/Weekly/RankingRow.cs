namespace KejiLive.Domain.Weekly;

/// <summary>One unit in the 赛马 ranking. Units without a score (nothing to judge yet) have no rank and come last.</summary>
/// <param name="Score">The <see cref="Progress.UnitScore"/> at the week's end (0–120), or null.</param>
/// <param name="Rank">1 = best; equal scores (to 0.01) share a rank.</param>
/// <param name="Red">The unit's red targets at the week's end.</param>
/// <param name="Yellow">The unit's yellow targets at the week's end.</param>
public sealed record RankingRow(
    string UnitId,
    string UnitName,
    double? Score,
    int? Rank,
    double? PreviousScore,
    int? PreviousRank,
    int Red,
    int Yellow)
{
    /// <summary>Places gained since last week (positive = moved up); null when either week has no rank.</summary>
    public int? RankChange => Rank is { } r && PreviousRank is { } p ? p - r : null;
}
