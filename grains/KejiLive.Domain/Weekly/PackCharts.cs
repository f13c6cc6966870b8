using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>The data of the pack's progress charts: one per city target, one per red or yellow unit × target.</summary>
internal static class PackCharts
{
    public static ImmutableArray<ProgressSeries> Series(PlanDocument plan, PackTracks tracks, ImmutableArray<WatchRow> watch)
    {
        var list = ImmutableArray.CreateBuilder<ProgressSeries>();
        foreach (var t in plan.Targets)
        {
            var counted = t.Assignments.Where(a => plan.FindUnit(a.UnitId)?.Kind != UnitKind.Overlay).ToList();
            list.Add(Build(ChartNames.City(t.Id), $"{plan.City} · {t.Name}", plan, t, counted, tracks.Cities[t.Id]));
        }
        foreach (var w in watch)
        {
            var t = plan.FindTarget(w.TargetId)!;
            list.Add(Build(w.ChartName, $"{w.UnitName} · {t.Name}", plan, t, [t.AssignmentFor(w.UnitId)!], tracks.Units[(t.Id, w.UnitId)]));
        }
        return list.ToImmutable();
    }

    private static ProgressSeries Build(string name, string title, PlanDocument plan, TargetDefinition t, IReadOnlyList<Assignment> assignments, TargetTrack track)
    {
        var e = track.Current;
        return new ProgressSeries(name, title, t.Measure, t.Kind, e.Light, Trajectory.Build(plan, t, assignments), track.ActualLine(),
            e.Date, e.Forecast, e.Forecast is null ? null : e.ReportedAsOf);
    }
}
