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

/// <summary>How much faster than its pace so far a unit ran over the last quarter on its other targets: the mean of their
/// recent pace less their pace (<see cref="UnitPace.Rise"/>), above <see cref="UnitPace.RiseThreshold"/>.</summary>
/// <param name="Rise">Mean recent pace − pace of the other targets, in shares of the plan's pace (0.39 = 39 points).</param>
/// <param name="Targets">How many other targets it was read from (≥ <see cref="UnitPace.MinimumTargets"/>).</param>
public sealed record PaceRise(double Rise, int Targets);

/// <summary>A unit's pace across its targets (issue 17). A point forecast reads each target × unit's own newest figures,
/// whose pace lags a unit that speeds up after the summer: it ran at 0.7 of plan until July and ends near 1.1, and each
/// figure still shows the slow months. One office runs all of a unit's targets, so when its other targets ran, over the
/// last quarter, well above their pace so far, the unit is catching up, and the rest of this target's plan is run at its
/// own pace plus that rise. One target's recent pace is noisy (a quarter of a year's figures, ±5% each); the mean over
/// the unit's other targets is not, and a single target's rise never moves its own forecast. Pure: the unit grain
/// combines its targets' paces, each target grain is handed its rise.</summary>
public static class UnitPace
{
    /// <summary>Other targets needed with a recent pace before their rise counts: one target's rise is one target's luck.</summary>
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

    /// <summary>The rise to hand to <paramref name="targetId"/>: over the unit's other targets with a recent pace, the mean
    /// of recent pace − pace; null with fewer than <see cref="MinimumTargets"/> of them or when the mean is not above
    /// <see cref="RiseThreshold"/>.</summary>
    public static PaceRise? Rise(IEnumerable<OwnPace> paces, string targetId)
    {
        double sum = 0;
        var n = 0;
        foreach (var own in paces)
        {
            if (own.TargetId == targetId || own.Recent is not { } recent || !double.IsFinite(recent) || !double.IsFinite(own.Pace)) continue;
            sum += recent - own.Pace;
            n++;
        }
        if (n < MinimumTargets) return null;
        var rise = sum / n;
        return rise > RiseThreshold + 1e-12 ? new PaceRise(rise, n) : null;
    }
}
