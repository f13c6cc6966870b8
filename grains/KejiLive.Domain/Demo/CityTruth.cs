using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Demo;

/// <summary>The ground truth of a city tile in the replay: the sum of its units' true cumulative values against the
/// city's own plan curve, read the way <see cref="SignalQuality"/> reads a unit's truth.</summary>
/// <remarks>A unit's true cumulative on day d is its plan curve's expected value E(d) × its pace on d (no report noise,
/// no whole items: item measures are fractional here as in the unit's truth). The city's is the sum of those over its
/// counted units; the city's plan is <see cref="Trajectory.Build"/> over the same units (the sum of their expected
/// values) and its annual target the sum of their annual targets. The city is truly lagging on a day when its true
/// 较序时, (true total − expected) ÷ annual × 100, is at or below −YellowPoints (<see cref="LightRules.Raw"/> is not
/// green), as a unit is. With one unit this is exactly that unit's truth.</remarks>
public static class CityTruth
{
    /// <summary>The city's true 较序时 in points: (<paramref name="trueTotal"/> − <paramref name="expected"/>) ÷
    /// <paramref name="annual"/> × 100; 0 when the annual target is not positive (nothing to be behind on).</summary>
    public static double GapPoints(double trueTotal, double expected, double annual) =>
        annual > 0 ? (trueTotal - expected) / annual * 100 : 0;

    /// <summary>True when a true 较序时 of <paramref name="gapPoints"/> would not be green under
    /// <paramref name="thresholds"/> (at or below −YellowPoints).</summary>
    public static bool IsLagging(double gapPoints, Thresholds thresholds) => LightRules.Raw(gapPoints, thresholds) != Light.Green;

    /// <summary>Per day of the plan year (index DayOfYear − 1): true when the city made of <paramref name="units"/> (the
    /// counted, non-overlay assignments) is truly lagging, with <paramref name="pace"/> giving a unit's true pace on a day
    /// (1 = on plan).</summary>
    public static bool[] Lagging(PlanDocument plan, TargetDefinition target, IReadOnlyList<Assignment> units,
        Func<string, DateOnly, double> pace)
    {
        var city = Trajectory.Build(plan, target, units);
        var own = units.Select(a => Trajectory.Build(plan, target, [a])).ToList();
        var annual = units.Sum(a => a.Target);
        var lagging = new bool[city.Length];
        for (var i = 0; i < city.Length; i++)
        {
            var day = city[i].Date;
            var total = 0.0;
            for (var u = 0; u < units.Count; u++) total += own[u][i].Expected * pace(units[u].UnitId, day);
            lagging[i] = IsLagging(GapPoints(total, city[i].Expected, annual), target.Thresholds);
        }
        return lagging;
    }

    /// <summary>The city finished the year: its units' final effective values add up to at least their annual targets.</summary>
    public static bool Finished(IEnumerable<(double Final, double Annual)> units)
    {
        double final = 0, annual = 0;
        foreach (var (f, a) in units)
        {
            final += f;
            annual += a;
        }
        return final >= annual - LightRules.Epsilon;
    }
}
