namespace KejiLive.Domain.Planning;

/// <summary>When a light turns yellow or red. Points are percentage points behind 序时进度 (较序时);
/// days are days a milestone is overdue; ranks are places below the goal.</summary>
/// <param name="YellowPoints">Yellow when 较序时 is at or below −YellowPoints (e.g. 10).</param>
/// <param name="RedPoints">Red when 较序时 is at or below −RedPoints (e.g. 30). Must be greater than YellowPoints.</param>
/// <param name="HysteresisPoints">A light only improves when the gap is better than the threshold by this margin.</param>
/// <param name="MilestoneRedDays">A milestone not reported done more than this many days after its report deadline
/// (the release date of its due date's period plus the plan's grace days) is red; past the deadline at all is yellow.
/// The milestone-overdue alert counts days from the due date itself.</param>
/// <param name="RankYellowPlaces">A rank up to this many places below the goal is yellow; further is red.</param>
public sealed record Thresholds(
    double YellowPoints,
    double RedPoints,
    double HysteresisPoints,
    int MilestoneRedDays,
    int RankYellowPlaces)
{
    /// <summary>The published example: yellow 10–30 pp behind, red beyond 30 pp; 2 pp hysteresis.</summary>
    public static Thresholds Default { get; } = new(10, 30, 2, 15, 2);
}
