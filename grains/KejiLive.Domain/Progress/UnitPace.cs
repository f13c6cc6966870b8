using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Progress;

/// <summary>One target × unit's own evidence of its pace, which its unit lends to its other targets
/// (<see cref="UnitPace"/>).</summary>
/// <param name="TargetId">The target the pace was read on.</param>
/// <param name="Pace">The pace the point forecast reads from the newest figures (<see cref="ForecastModel.FiguresPace"/>;
/// 1 = on plan).</param>
/// <param name="Recent">The pace of the last quarter or so (<see cref="RecentPace.Of"/>); null without a figure that far
/// back or while the plan expected nothing in between.</param>
public sealed record OwnPace(string TargetId, double Pace, double? Recent);

/// <summary>What a unit's other targets say of its pace (<see cref="UnitPace.Borrow"/>), for one of its targets.</summary>
/// <param name="Level">The mean pace of the other targets (1 = on plan), in steps of <see cref="UnitPace.Step"/>: the pace a target's own thin
/// evidence is shrunk towards instead of the plan's.</param>
/// <param name="Targets">How many other targets with a pace of their own it was read from (≥ <see cref="UnitPace.MinimumTargets"/>).</param>
/// <param name="Rise">How much faster than their pace so far the other targets ran over the last quarter (mean recent
/// pace − pace, in steps of <see cref="UnitPace.Step"/>) when above <see cref="UnitPace.RiseThreshold"/>: the unit is catching up; else null.</param>
/// <param name="RiseTargets">How many other targets with a recent pace the rise was read from (0 without a rise).</param>
public sealed record BorrowedPace(double Level, int Targets, double? Rise, int RiseTargets);

/// <summary>A unit's pace across its targets (issue 17). A point forecast reads each target × unit's own newest figures
/// and shrinks their pace towards a prior by how little of the plan they cover. One office runs all of a unit's targets,
/// so the prior is the unit's pace on its other targets (<see cref="BorrowedPace.Level"/>), not the plan's; and when those
/// ran, over the last quarter, well above their pace so far, the unit is catching up — it ran at 0.7 of plan until July and
/// ends near 1.1, while each figure still shows the slow months — and the target's own pace gets that rise
/// (<see cref="BorrowedPace.Rise"/>). One target's recent pace is noisy (a quarter's flow of ±5% figures); the mean over
/// the unit's other targets is not, and a target never lends to itself. A target with no evidence of its own keeps the
/// plan's pace (borrowing the level there lost more on units that catch up than it won on units behind). Pure: the unit
/// grain combines its targets' paces, each target grain is handed what its unit's other targets say.</summary>
public static class UnitPace
{
    /// <summary>Other targets needed with a pace before their level counts, and with a recent pace before their rise
    /// does: one target's pace is one target's luck.</summary>
    public const int MinimumTargets = 2;

    /// <summary>The rise (recent pace − pace, mean over the other targets) above which the unit counts as catching up: 30
    /// points. The sweep over seeds 1..20 measured 0.25, 0.3 and 0.35 at 75.9–76.1% point ±10% (0.15: 75.2%, 0.45: 75.6%).</summary>
    public const double RiseThreshold = 0.3;

    /// <summary>The pair's own evidence of its pace from its effective <paramref name="series"/> (oldest first), or null
    /// while it has none: no figure with a plan share, or for whole items less than one item due at the newest figure
    /// (what <see cref="ForecastModel.Cumulative"/> counts as evidence). Only count, range and growth targets have one.</summary>
    public static OwnPace? Of(TargetDefinition target, Assignment assignment, ImmutableArray<ReportEntry> series) =>
        FromFigures(target, assignment, series, null);

    /// <summary><see cref="Of(TargetDefinition, Assignment, ImmutableArray{ReportEntry})"/> with the point forecast's figures
    /// (<see cref="TargetEvaluator.PacedFigures"/>) when the caller has them already.</summary>
    internal static OwnPace? FromFigures(TargetDefinition target, Assignment assignment, ImmutableArray<ReportEntry> series, IReadOnlyList<PacedFigure>? figures)
    {
        if (target.Kind is not (TargetKind.Count or TargetKind.Range or TargetKind.Growth)) return null;
        if (series.IsEmpty || assignment.Target <= 0) return null;
        var whole = ItemRules.IsWhole(target);
        var p = PlanCurve.Share(target, assignment, series[^1].AsOf);
        if (whole ? ItemRules.Due(p, assignment.Target) < 1 : p <= 1e-12) return null;
        figures ??= TargetEvaluator.PacedFigures(target, assignment, series);
        if (ForecastModel.FiguresPace(figures, assignment.Target, whole) is not { } pace) return null;
        return new OwnPace(target.Id, pace, RecentPace.Of(target, assignment, series));
    }

    /// <summary>The step the borrowed level and rise are given in: 5 points of the plan's pace. Each report moves a
    /// unit's paces a little; at two decimals nearly every report had the unit grain re-tell all its other targets
    /// (measured over HTTP at 200 units: 15–20% more silo CPU per report; see the fifth round of issue 17 in tests/KejiLive.Benchmarks/RESULTS.md). The
    /// replay's point shares are the same at either step.</summary>
    public const double Step = 0.05;

    /// <summary>What the unit's other targets say of its pace, for <paramref name="targetId"/>: the mean of their paces,
    /// and the mean of their recent pace − pace when above <see cref="RiseThreshold"/> (over those with a recent pace, at
    /// least <see cref="MinimumTargets"/>), both in steps of <see cref="Step"/> (so the unit grain tells its targets only
    /// a change that moves a forecast, not every report's wobble); null with fewer than <see cref="MinimumTargets"/> other
    /// targets with a pace.</summary>
    public static BorrowedPace? Borrow(IEnumerable<OwnPace> paces, string targetId)
    {
        double level = 0, rise = 0;
        int n = 0, m = 0;
        foreach (var own in paces)
        {
            if (own.TargetId == targetId || !double.IsFinite(own.Pace)) continue;
            level += own.Pace;
            n++;
            if (own.Recent is not { } recent || !double.IsFinite(recent)) continue;
            rise += recent - own.Pace;
            m++;
        }
        if (n < MinimumTargets) return null;
        var mean = m >= MinimumTargets ? Stepped(rise / m) : 0;
        return mean > RiseThreshold + 1e-12
            ? new BorrowedPace(Stepped(level / n), n, mean, m)
            : new BorrowedPace(Stepped(level / n), n, null, 0);
    }

    private static double Stepped(double pace) => Math.Round(Math.Round(pace / Step) * Step, 2);
}
