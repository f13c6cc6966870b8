namespace KejiLive.Domain.Demo;

/// <summary>One lag episode of a target × unit: a run of days on which the generator's true cumulative was behind the
/// plan by the yellow threshold or more, and when the system first showed it.</summary>
/// <param name="Onset">First day of the run (the true 较序时 reached −YellowPoints).</param>
/// <param name="End">Last day of the run (31 Dec when the unit never got back within tolerance).</param>
/// <param name="CaughtAt">The first judgement inside the run that showed yellow, red or 未报送; null when none did.</param>
/// <param name="DelayDays">Shanghai calendar days from <paramref name="Onset"/> to the day of <paramref name="CaughtAt"/>;
/// null when never caught.</param>
/// <param name="CaughtBy">What showed it first: "yellow", "red" or "未报送" (a light wins over the flag at the same judgement).</param>
/// <param name="RaisedBeforeOnset">The last judgement before the onset day already showed yellow, red or 未报送: the
/// signal led the truth (reports describe the past, so a slow unit looks behind before it truly is).</param>
public sealed record LagCatch(
    string TargetId,
    string UnitId,
    DateOnly Onset,
    DateOnly End,
    DateTimeOffset? CaughtAt,
    int? DelayDays,
    string? CaughtBy,
    bool RaisedBeforeOnset)
{
    public bool Caught => CaughtAt is not null;
}
