using System.Collections.Immutable;
using System.Text.Json;

namespace KejiLive.Domain.Planning;

/// <summary>Reads the optional top-level <c>routes</c> block:
/// <c>{ "units": { "360702": ["wecom-360702"] }, "leader": ["mail-leaders"], "city": ["wecom-city"] }</c>.</summary>
internal static class PlanJsonRoutes
{
    public static PlanRoutes Read(PlanJsonContext ctx, JsonElement root, IReadOnlyDictionary<string, ReportingUnit> units)
    {
        if (ctx.Object(root, "routes", "", required: false) is not { } block) return PlanRoutes.None;
        var byUnit = ImmutableDictionary.CreateBuilder<string, ImmutableArray<string>>(StringComparer.Ordinal);
        if (ctx.Object(block, "units", "routes", required: false) is { } unitsBlock)
        {
            foreach (var property in unitsBlock.EnumerateObject())
            {
                var path = $"routes.units.{property.Name}";
                if (!units.ContainsKey(property.Name)) ctx.Error(path, $"unknown unit '{property.Name}'");
                byUnit[property.Name] = Ids(ctx, property.Value, path);
            }
        }
        return new PlanRoutes(byUnit.ToImmutable(), List(ctx, block, "leader"), List(ctx, block, "city"));
    }

    private static ImmutableArray<string> List(PlanJsonContext ctx, JsonElement block, string name) =>
        PlanJsonContext.Prop(block, name) is { } value ? Ids(ctx, value, "routes." + name) : [];

    private static ImmutableArray<string> Ids(PlanJsonContext ctx, JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            ctx.Error(path, "must be an array of contact point ids");
            return [];
        }
        var ids = ImmutableArray.CreateBuilder<string>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } id) ids.Add(id);
            else ctx.Error(PlanJsonContext.Index(path, i), "a contact point id must be a non-empty string");
            i++;
        }
        return ids.ToImmutable();
    }
}
