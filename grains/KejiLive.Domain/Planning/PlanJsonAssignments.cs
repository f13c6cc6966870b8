using System.Collections.Immutable;
using System.Text.Json;

namespace KejiLive.Domain.Planning;

/// <summary>Reads who holds a target: the <c>split</c> over units or the single <c>owner</c>, and checks the split
/// (known units, no unit twice, counties and zones adding up to the city target, an overlay never above its parent).</summary>
internal static class PlanJsonAssignments
{
    private const double Tolerance = 1e-6;

    /// <param name="cityTarget">The city target as read (counts, ranges, ratios, ranks), or null.</param>
    /// <param name="growth">Growth targets: the growth fraction (null when broken or another kind).</param>
    /// <param name="milestoneCount">Milestone targets: how many milestones.</param>
    public static ImmutableArray<Assignment> Read(
        PlanJsonContext ctx, JsonElement target, string path, TargetKind kind, int? year,
        IReadOnlyDictionary<string, ReportingUnit> units, double? cityTarget, double? growth, int milestoneCount)
    {
        var hasSplit = ctx.Has(target, "split");
        var hasOwner = ctx.Has(target, "owner");
        if (hasSplit && hasOwner) ctx.Error(PlanJsonContext.Join(path, "owner"), "give either 'split' or 'owner', not both");
        if (!hasSplit && !hasOwner) ctx.Error(PlanJsonContext.Join(path, "split"), "missing 'split' (the share of each unit) or 'owner' (the one unit holding the target)");
        if (hasSplit && kind is TargetKind.Milestone or TargetKind.Rank)
        {
            ctx.Error(PlanJsonContext.Join(path, "split"), $"a {PlanJsonContext.CamelCase(kind.ToString())} target has one owner; use 'owner' instead of 'split'");
            return [];
        }
        if (hasSplit && !hasOwner) return Split(ctx, target, path, kind, year, units, cityTarget, growth);
        if (hasOwner && !hasSplit) return Owner(ctx, target, path, kind, year, units, cityTarget, growth, milestoneCount);
        return [];
    }

    private static ReportingUnit? KnownUnit(PlanJsonContext ctx, string? id, string field, IReadOnlyDictionary<string, ReportingUnit> units)
    {
        if (id is null) return null;
        if (units.TryGetValue(id, out var u)) return u;
        ctx.Error(field, $"unknown unit '{id}' (not in 'units')");
        return null;
    }

    private static double GrowthTarget(ImmutableArray<BaselinePoint> baseline, double? growth) =>
        baseline.IsEmpty ? 0 : Math.Round(baseline[^1].Value * (1 + (growth ?? 0)), 4);

    private static ImmutableArray<Assignment> Owner(
        PlanJsonContext ctx, JsonElement target, string path, TargetKind kind, int? year,
        IReadOnlyDictionary<string, ReportingUnit> units, double? cityTarget, double? growth, int milestoneCount)
    {
        var unit = KnownUnit(ctx, ctx.String(target, "owner", path), PlanJsonContext.Join(path, "owner"), units);
        var baseline = kind == TargetKind.Growth ? PlanJsonCurves.Baseline(ctx, target, path, year) : [];
        var value = kind switch
        {
            TargetKind.Growth => GrowthTarget(baseline, growth),
            TargetKind.Milestone => milestoneCount,
            _ => cityTarget ?? 0,
        };
        return unit is null ? [] : [new Assignment(unit.Id, value, unit.Office ?? unit.Name, baseline)];
    }

    private static ImmutableArray<Assignment> Split(
        PlanJsonContext ctx, JsonElement target, string path, TargetKind kind, int? year,
        IReadOnlyDictionary<string, ReportingUnit> units, double? cityTarget, double? growth)
    {
        var entries = ctx.Array(target, "split", path) ?? [];
        var splitPath = PlanJsonContext.Join(path, "split");
        if (entries.Count == 0) ctx.Error(splitPath, "the split names no unit");
        var list = new List<(Assignment A, ReportingUnit U, string Path)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (e, p) in entries)
        {
            var unitField = PlanJsonContext.Join(p, "unit");
            var unit = KnownUnit(ctx, ctx.String(e, "unit", p), unitField, units);
            if (unit is not null && !seen.Add(unit.Id)) { ctx.Error(unitField, $"unit '{unit.Id}' appears twice in the split"); unit = null; }
            var office = ctx.String(e, "office", p, required: false);
            ImmutableArray<BaselinePoint> baseline = [];
            double value;
            if (kind == TargetKind.Growth)
            {
                baseline = PlanJsonCurves.Baseline(ctx, e, p, year);
                value = GrowthTarget(baseline, growth);
            }
            else
            {
                value = ctx.Number(e, "target", p) ?? double.NaN;
                if (value <= 0) ctx.Error(PlanJsonContext.Join(p, "target"), $"a unit's target must be above 0, not {PlanJsonContext.Num(value)}");
            }
            if (unit is not null) list.Add((new Assignment(unit.Id, value, office ?? unit.Office ?? unit.Name, baseline), unit, p));
        }
        if (kind is TargetKind.Count or TargetKind.Range or TargetKind.Growth) CheckOverlays(ctx, kind, list);
        if (kind is TargetKind.Count or TargetKind.Range && cityTarget is { } city && list.Count == entries.Count
            && list.All(x => double.IsFinite(x.A.Target)))
        {
            var sum = list.Where(x => x.U.Kind != UnitKind.Overlay).Sum(x => x.A.Target);
            if (Math.Abs(sum - city) > Tolerance * Math.Max(1, Math.Abs(city)))
                ctx.Error(splitPath, $"the split of counties and zones (overlays excluded) sums to {PlanJsonContext.Num(sum)}, but cityTarget is {PlanJsonContext.Num(city)}");
        }
        return [.. list.Select(x => x.A)];
    }

    private static void CheckOverlays(PlanJsonContext ctx, TargetKind kind, List<(Assignment A, ReportingUnit U, string Path)> list)
    {
        foreach (var (a, u, p) in list)
        {
            if (u.Kind != UnitKind.Overlay || u.OverlayOf is null) continue;
            var parent = list.FirstOrDefault(x => x.U.Id == u.OverlayOf);
            if (parent.A is null)
            {
                ctx.Error(PlanJsonContext.Join(p, "unit"), $"overlay '{u.Id}' is part of '{u.OverlayOf}', which holds no share of this target");
            }
            else if (a.Target > parent.A.Target + Tolerance)
            {
                var field = kind == TargetKind.Growth ? "baseline" : "target";
                ctx.Error(PlanJsonContext.Join(p, field),
                    $"overlay '{u.Id}' share {PlanJsonContext.Num(a.Target)} exceeds its parent '{u.OverlayOf}' share {PlanJsonContext.Num(parent.A.Target)}; its figures are part of the parent's");
            }
        }
    }
}
