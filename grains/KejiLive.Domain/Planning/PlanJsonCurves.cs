using System.Collections.Immutable;
using System.Text.Json;

namespace KejiLive.Domain.Planning;

/// <summary>Reads curves, thresholds, milestones and baselines of a plan file, checking their invariants.</summary>
internal static class PlanJsonCurves
{
    /// <summary>A <c>curve</c> object (count and range targets): linear, or a schedule with ascending dates inside the
    /// year and non-decreasing shares in [0, 1] ending at 1.</summary>
    public static CurveDefinition Curve(PlanJsonContext ctx, JsonElement target, string parent, int? year)
    {
        if (ctx.Object(target, "curve", parent) is not { } c) return CurveDefinition.Linear;
        var path = PlanJsonContext.Join(parent, "curve");
        var kind = ctx.String(c, "kind", path);
        if (kind is null) return CurveDefinition.Linear;
        if (kind == "linear") return CurveDefinition.Linear;
        if (kind != "schedule")
        {
            ctx.Error(PlanJsonContext.Join(path, "kind"), $"unknown curve kind '{kind}'; allowed: linear, schedule");
            return CurveDefinition.Linear;
        }
        var interpolation = ctx.Enum<Interpolation>(c, "interpolation", path) ?? Interpolation.Step;
        var points = new List<CurvePoint>();
        var entries = ctx.Array(c, "points", path);
        if (entries is { Count: 0 }) ctx.Error(PlanJsonContext.Join(path, "points"), "a schedule needs at least one point");
        CurvePoint? prev = null;
        string? lastPath = null;
        foreach (var (e, p) in entries ?? [])
        {
            var date = ctx.DateIn(e, "date", p, year);
            var share = ctx.Number(e, "share", p);
            lastPath = p;
            if (date is null || share is null) { prev = null; continue; }
            if (share < 0 || share > 1) ctx.Error(PlanJsonContext.Join(p, "share"), $"share {PlanJsonContext.Num(share.Value)} must be between 0 and 1");
            if (prev is not null && date <= prev.Date)
                ctx.Error(PlanJsonContext.Join(p, "date"), $"schedule dates must be ascending: {date:yyyy-MM-dd} follows {prev.Date:yyyy-MM-dd}");
            if (prev is not null && share < prev.Share)
                ctx.Error(PlanJsonContext.Join(p, "share"), $"shares must not decrease: {PlanJsonContext.Num(share.Value)} follows {PlanJsonContext.Num(prev.Share)}");
            prev = new CurvePoint(date.Value, share.Value);
            points.Add(prev);
        }
        if (points.Count > 0 && lastPath is not null && points.Count == entries!.Count && Math.Abs(points[^1].Share - 1) > 1e-9)
        {
            ctx.Error(PlanJsonContext.Join(lastPath, "share"), $"the last share must be 1 (the whole target by the end of the year), not {PlanJsonContext.Num(points[^1].Share)}");
        }
        return new CurveDefinition(CurveKind.Schedule, interpolation, [.. points]);
    }

    /// <summary>A thresholds object merged over <paramref name="defaults"/>; checks 0 &lt; yellow &lt; red,
    /// 0 ≤ hysteresis &lt; yellow, days and places ≥ 0. Returns the defaults when the field is absent.</summary>
    public static Thresholds Thresholds(PlanJsonContext ctx, JsonElement obj, string name, string parent, Thresholds defaults)
    {
        if (ctx.Object(obj, name, parent, required: false) is not { } t) return defaults;
        var path = PlanJsonContext.Join(parent, name);
        var merged = new Thresholds(
            ctx.Number(t, "yellowPoints", path, false) ?? defaults.YellowPoints,
            ctx.Number(t, "redPoints", path, false) ?? defaults.RedPoints,
            ctx.Number(t, "hysteresisPoints", path, false) ?? defaults.HysteresisPoints,
            ctx.Integer(t, "milestoneRedDays", path, false) ?? defaults.MilestoneRedDays,
            ctx.Integer(t, "rankYellowPlaces", path, false) ?? defaults.RankYellowPlaces);
        string F(string field) => PlanJsonContext.Join(path, field);
        string N(double v) => PlanJsonContext.Num(v);
        if (merged.YellowPoints <= 0) ctx.Error(F("yellowPoints"), $"yellowPoints must be above 0, not {N(merged.YellowPoints)}");
        if (merged.RedPoints <= merged.YellowPoints)
            ctx.Error(F("redPoints"), $"redPoints ({N(merged.RedPoints)}) must be greater than yellowPoints ({N(merged.YellowPoints)})");
        if (merged.HysteresisPoints < 0 || merged.HysteresisPoints >= merged.YellowPoints)
            ctx.Error(F("hysteresisPoints"), $"hysteresisPoints ({N(merged.HysteresisPoints)}) must be at least 0 and below yellowPoints ({N(merged.YellowPoints)})");
        if (merged.MilestoneRedDays < 0) ctx.Error(F("milestoneRedDays"), $"milestoneRedDays must be 0 or more, not {merged.MilestoneRedDays}");
        if (merged.RankYellowPlaces < 0) ctx.Error(F("rankYellowPlaces"), $"rankYellowPlaces must be 0 or more, not {merged.RankYellowPlaces}");
        return merged;
    }

    /// <summary>The <c>milestones</c> array: at least one, ids unique, due dates inside the year; returned in due order
    /// (stable), since a reported value k means the first k milestones are done.</summary>
    public static ImmutableArray<Milestone> Milestones(PlanJsonContext ctx, JsonElement target, string parent, int? year)
    {
        var entries = ctx.Array(target, "milestones", parent);
        if (entries is { Count: 0 }) ctx.Error(PlanJsonContext.Join(parent, "milestones"), "a milestone target needs at least one milestone");
        var list = new List<Milestone>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (e, p) in entries ?? [])
        {
            var id = ctx.String(e, "id", p);
            var name = ctx.String(e, "name", p);
            var due = ctx.DateIn(e, "due", p, year);
            if (id is not null && !ids.Add(id)) ctx.Error(PlanJsonContext.Join(p, "id"), $"duplicate milestone id '{id}'");
            if (id is not null && due is not null) list.Add(new Milestone(id, name ?? id, due.Value));
        }
        return [.. list.OrderBy(m => m.Due)];
    }

    /// <summary>A <c>baseline</c> array (growth targets): last year's cumulative figures, dates in year − 1 ascending,
    /// values ≥ 0 and non-decreasing, total above 0.</summary>
    public static ImmutableArray<BaselinePoint> Baseline(PlanJsonContext ctx, JsonElement obj, string parent, int? year)
    {
        var path = PlanJsonContext.Join(parent, "baseline");
        var entries = ctx.Array(obj, "baseline", parent);
        if (entries is null) return [];
        if (entries.Count == 0) { ctx.Error(path, "missing baseline: last year's cumulative figures are needed for a growth target"); return []; }
        var list = new List<BaselinePoint>();
        BaselinePoint? prev = null;
        foreach (var (e, p) in entries)
        {
            var date = ctx.DateIn(e, "date", p, year - 1);
            var value = ctx.Number(e, "value", p);
            if (date is null || value is null) continue;
            if (value < 0) ctx.Error(PlanJsonContext.Join(p, "value"), $"baseline value must be 0 or more, not {PlanJsonContext.Num(value.Value)}");
            if (prev is not null && date <= prev.Date)
                ctx.Error(PlanJsonContext.Join(p, "date"), $"baseline dates must be ascending: {date:yyyy-MM-dd} follows {prev.Date:yyyy-MM-dd}");
            if (prev is not null && value < prev.Value)
                ctx.Error(PlanJsonContext.Join(p, "value"), $"baseline values are cumulative and must not decrease: {PlanJsonContext.Num(value.Value)} follows {PlanJsonContext.Num(prev.Value)}");
            prev = new BaselinePoint(date.Value, value.Value);
            list.Add(prev);
        }
        if (list.Count == entries.Count && list.Count > 0 && list[^1].Value <= 0)
            ctx.Error(path, "the baseline total (last value) must be above 0, or the target would be 0");
        return [.. list];
    }
}
