using System.Collections.Immutable;
using System.Text.Json;

namespace KejiLive.Domain.Planning;

/// <summary>Reads the <c>units</c> array of a plan file: ids unique, known kinds, overlays inside a county or zone.</summary>
internal static class PlanJsonUnits
{
    public static ImmutableArray<ReportingUnit> Read(PlanJsonContext ctx, JsonElement root)
    {
        var entries = ctx.Array(root, "units", "") ?? [];
        var units = new List<(ReportingUnit Unit, string Path)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (e, path) in entries)
        {
            var id = ctx.String(e, "id", path);
            var name = ctx.String(e, "name", path);
            var kind = ctx.Enum<UnitKind>(e, "kind", path);
            var office = ctx.String(e, "office", path, required: false);
            var overlayOf = ctx.String(e, "overlayOf", path, required: false);
            if (id is null) continue;
            if (!seen.Add(id)) { ctx.Error(PlanJsonContext.Join(path, "id"), $"duplicate unit id '{id}'"); continue; }
            var unit = new ReportingUnit(id, name ?? id, kind ?? UnitKind.County, overlayOf) { Office = office ?? name ?? id };
            units.Add((unit, path));
        }
        foreach (var (u, path) in units)
        {
            var field = PlanJsonContext.Join(path, "overlayOf");
            if (u.Kind == UnitKind.Overlay)
            {
                if (u.OverlayOf is null) { ctx.Error(field, $"overlay unit '{u.Id}' needs 'overlayOf' naming the county or zone that contains it"); continue; }
                var parent = units.FirstOrDefault(x => x.Unit.Id == u.OverlayOf).Unit;
                if (parent is null || !parent.IsRanked)
                {
                    ctx.Error(field, $"overlayOf '{u.OverlayOf}' must name a county or zone unit of this plan");
                }
            }
            else if (u.OverlayOf is not null)
            {
                ctx.Error(field, $"only overlay units have 'overlayOf' (unit '{u.Id}' is a {PlanJsonContext.CamelCase(u.Kind.ToString())})");
            }
        }
        return [.. units.Select(x => x.Unit)];
    }
}
