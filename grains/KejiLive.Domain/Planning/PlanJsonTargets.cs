using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Planning;

/// <summary>Reads the <c>targets</c> array of a plan file: common fields, kind-specific fields, the implied curve of
/// each kind (growth → baseline, ratio and rank → flat, milestone → milestones; counts and ranges need a curve).</summary>
internal static partial class PlanJsonTargets
{
    private static readonly string[] Groups = ["main", "platform", "measure"];

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex IdPattern();

    public static ImmutableArray<TargetDefinition> Read(
        PlanJsonContext ctx, JsonElement root, int? year, Thresholds defaults, IReadOnlyDictionary<string, ReportingUnit> units,
        AlertSettings? alertDefaults = null, DataQualitySettings? qualityDefaults = null)
    {
        var entries = ctx.Array(root, "targets", "") ?? [];
        var list = new List<TargetDefinition>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (e, path) in entries)
        {
            ctx.Target = PlanJsonContext.Prop(e, "id") is { ValueKind: JsonValueKind.String } idProp ? idProp.GetString() : null;
            var t = ReadOne(ctx, e, path, year, defaults, units, ids);
            var alerts = PlanJsonAlerts.Read(ctx, e, path, alertDefaults ?? AlertSettings.Default, t?.Thresholds ?? defaults, defaults);
            var quality = PlanJsonDataQuality.Read(ctx, e, path, qualityDefaults ?? DataQualitySettings.Default);
            if (t is not null) t = t with { Alerts = alerts, DataQuality = quality };
            if (t is not null) list.Add(t);
        }
        ctx.Target = null;
        return [.. list];
    }

    private static TargetDefinition? ReadOne(
        PlanJsonContext ctx, JsonElement e, string path, int? year, Thresholds defaults,
        IReadOnlyDictionary<string, ReportingUnit> units, HashSet<string> ids)
    {
        var id = ctx.String(e, "id", path);
        if (id is not null && !IdPattern().IsMatch(id))
            ctx.Error(PlanJsonContext.Join(path, "id"), $"target id '{id}' must match ^[a-z0-9][a-z0-9-]*$ (lowercase letters, digits and '-')");
        if (id is not null && !ids.Add(id)) ctx.Error(PlanJsonContext.Join(path, "id"), $"duplicate target id '{id}'");
        var name = ctx.String(e, "name", path);
        var group = ctx.String(e, "group", path);
        if (group is not null && !Groups.Contains(group))
            ctx.Error(PlanJsonContext.Join(path, "group"), $"unknown group '{group}'; allowed: {string.Join(", ", Groups)}");
        var section = ctx.String(e, "section", path);
        var measure = ctx.String(e, "measure", path);
        var kind = ctx.Enum<TargetKind>(e, "kind", path);
        var department = ctx.String(e, "department", path);
        var leader = ctx.String(e, "leader", path);
        var cycle = ctx.Enum<ReportingCycle>(e, "reportingCycle", path);
        var thresholds = PlanJsonCurves.Thresholds(ctx, e, "thresholds", path, defaults);
        var note = ctx.String(e, "note", path, required: false);
        if (kind is not { } k) return null;

        double? cityTarget = null, stretch = null, growth = null;
        var ratioScale = 1.0;
        var curve = new CurveDefinition(CurveKind.Flat, Interpolation.Step, []);
        ImmutableArray<Milestone> milestones = [];
        switch (k)
        {
            case TargetKind.Count or TargetKind.Range:
                cityTarget = Positive(ctx, e, "cityTarget", path);
                curve = PlanJsonCurves.Curve(ctx, e, path, year);
                if (k == TargetKind.Range && ctx.Number(e, "stretch", path) is { } s)
                {
                    stretch = s;
                    if (cityTarget is { } floor && s <= floor)
                        ctx.Error(PlanJsonContext.Join(path, "stretch"), $"stretch {PlanJsonContext.Num(s)} must be above the floor (cityTarget {PlanJsonContext.Num(floor)})");
                }
                break;
            case TargetKind.Growth:
                growth = ctx.Number(e, "growth", path);
                if (growth <= -1) ctx.Error(PlanJsonContext.Join(path, "growth"), $"growth {PlanJsonContext.Num(growth.Value)} must be above -1 (a fraction: 0.08 = 8%)");
                curve = new CurveDefinition(CurveKind.Baseline, Interpolation.Step, []);
                break;
            case TargetKind.Ratio:
                cityTarget = Positive(ctx, e, "cityTarget", path);
                ratioScale = ctx.Number(e, "ratioScale", path) ?? 1;
                if (ratioScale <= 0) ctx.Error(PlanJsonContext.Join(path, "ratioScale"), $"ratioScale must be above 0 (100 for percent), not {PlanJsonContext.Num(ratioScale)}");
                break;
            case TargetKind.Rank:
                cityTarget = ctx.Number(e, "cityTarget", path);
                if (cityTarget is { } goal && (goal < 1 || goal != Math.Floor(goal)))
                    ctx.Error(PlanJsonContext.Join(path, "cityTarget"), $"a rank goal must be a whole place of 1 or more, not {PlanJsonContext.Num(goal)}");
                break;
            case TargetKind.Milestone:
                milestones = PlanJsonCurves.Milestones(ctx, e, path, year);
                cityTarget = milestones.Length;
                curve = new CurveDefinition(CurveKind.Milestones, Interpolation.Step, []);
                break;
        }
        var assignments = PlanJsonAssignments.Read(ctx, e, path, k, year, units, cityTarget, growth, milestones.Length);
        if (k == TargetKind.Growth)
        {
            cityTarget = Math.Round(assignments.Where(a => units.TryGetValue(a.UnitId, out var u) && u.Kind != UnitKind.Overlay).Sum(a => a.Target), 4);
        }
        return new TargetDefinition(
            id ?? "", name ?? "", group ?? "", section ?? "", measure ?? "", k, cityTarget ?? 0, stretch, growth,
            ratioScale, department ?? "", leader ?? "", cycle ?? ReportingCycle.Monthly, curve, thresholds, milestones, assignments, note);
    }

    private static double? Positive(PlanJsonContext ctx, JsonElement e, string name, string path)
    {
        var v = ctx.Number(e, name, path);
        if (v <= 0) ctx.Error(PlanJsonContext.Join(path, name), $"'{name}' must be above 0, not {PlanJsonContext.Num(v!.Value)}");
        return v;
    }
}
