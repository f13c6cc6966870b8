using System.Runtime.CompilerServices;

namespace KejiLive.Domain.Planning;

/// <summary>Lookups by id for a plan and its targets, built once per instance (a report checks its target, unit and
/// share on every request: with 2,850 units a scan of the lists cost more than the rest of the check). Kept beside the
/// records rather than in them, so record equality and serialization stay as they are. The first of equal ids wins,
/// as a scan would find it.</summary>
internal static class PlanIndex
{
    private static readonly ConditionalWeakTable<PlanDocument, Lookups> Plans = new();
    private static readonly ConditionalWeakTable<TargetDefinition, Dictionary<string, Assignment>> Targets = new();

    internal sealed record Lookups(Dictionary<string, TargetDefinition> Targets, Dictionary<string, ReportingUnit> Units);

    public static Lookups Of(PlanDocument plan) => Plans.GetValue(plan, static p => new Lookups(
        FirstById(p.Targets.IsDefault ? [] : p.Targets, t => t.Id),
        FirstById(p.Units.IsDefault ? [] : p.Units, u => u.Id)));

    public static Dictionary<string, Assignment> Of(TargetDefinition target) =>
        Targets.GetValue(target, static t => FirstById(t.Assignments.IsDefault ? [] : t.Assignments, a => a.UnitId));

    private static Dictionary<string, T> FirstById<T>(IEnumerable<T> items, Func<T, string?> id)
    {
        var first = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (id(item) is { } key) first.TryAdd(key, item);
        }
        return first;
    }
}
