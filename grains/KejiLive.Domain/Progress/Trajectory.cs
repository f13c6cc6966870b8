using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>A target's plan curve with its tolerance band, day by day through the plan year, for one unit or summed over
/// several (the city: pass every non-overlay assignment).</summary>
public static class Trajectory
{
    public static ImmutableArray<TrajectoryPoint> Build(PlanDocument plan, TargetDefinition target, IReadOnlyList<Assignment> assignments)
    {
        var first = new DateOnly(plan.Year, 1, 1);
        var days = PlanCurve.DaysInYear(plan.Year);
        var annual = target.Kind is TargetKind.Ratio or TargetKind.Rank
            ? (assignments.Count == 1 ? assignments[0].Target : target.CityTarget)
            : assignments.Sum(a => a.Target);
        var points = ImmutableArray.CreateBuilder<TrajectoryPoint>(days);
        for (var i = 0; i < days; i++)
        {
            var d = first.AddDays(i);
            var expected = target.Kind switch
            {
                TargetKind.Ratio or TargetKind.Rank => annual,
                TargetKind.Milestone => PlanCurve.DueCount(target.Milestones, d),
                _ => assignments.Sum(a => PlanCurve.Share(target, a, d) * a.Target),
            };
            var yellow = Math.Max(0, expected - target.Thresholds.YellowPoints / 100 * annual);
            var red = Math.Max(0, expected - target.Thresholds.RedPoints / 100 * annual);
            points.Add(new TrajectoryPoint(d, expected, yellow, red));
        }
        return points.MoveToImmutable();
    }
}
