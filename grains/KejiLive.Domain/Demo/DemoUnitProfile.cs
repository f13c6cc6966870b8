namespace KejiLive.Domain.Demo;

/// <summary>How a unit behaves all through the demo year; the generator's ground truth, so a replay can tell a light
/// that was right from one that was wrong.</summary>
/// <param name="Pace">The unit's true progress as a fraction of the plan curve (1 = exactly on plan, 0.62 = 38% behind).</param>
/// <param name="CatchesUp">From August the pace rises by 0.08 a month, to at most 1.1.</param>
/// <param name="Late">The unit sends its reports about 18 days later than the others.</param>
public sealed record DemoUnitProfile(double Pace, bool CatchesUp, bool Late)
{
    /// <summary>The pace on <paramref name="date"/>: <see cref="Pace"/>, or for a unit that catches up, from August
    /// <c>min(1.1, Pace + 0.08 × (month − 7))</c>.</summary>
    public double PaceOn(DateOnly date) =>
        CatchesUp && date.Month >= 8 ? Math.Min(1.1, Pace + (0.08 * (date.Month - 7))) : Pace;
}
