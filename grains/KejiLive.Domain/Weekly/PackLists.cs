using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Weekly;

/// <summary>The lists of a pack: red and yellow (红黄名单), 未报送, and the unit pages. Overlays (赣州高新区) appear
/// only on their own page, never in a list, since their figures are already inside another unit's.</summary>
internal static class PackLists
{
    /// <summary>临期 at the cut-off: every counted unit's target × unit whose next item or node falls due soon, soonest
    /// first, then in plan order of units and targets.</summary>
    public static ImmutableArray<DueSoonRow> DueSoon(PlanDocument plan, PackTracks tracks) =>
    [
        // OrderBy is stable: rows of the same day keep the plan's order of units and targets.
        .. plan.Units.Where(u => u.Kind != UnitKind.Overlay)
            .SelectMany(u => tracks.ForUnit(plan, u.Id)
                .Select(x => (x.Target, Soon: x.Track.Current.DueSoon))
                .Where(x => x.Soon is not null)
                .Select(x => new DueSoonRow(u.Id, u.Name, x.Target.Id, x.Target.Name, x.Soon!.Due, x.Soon.DaysLeft, x.Soon.Text)))
            .OrderBy(r => r.Due),
    ];

    /// <param name="live">The 督办 live at the cut-off.</param>
    public static ImmutableArray<WatchRow> Watch(PlanDocument plan, PackTracks tracks, IReadOnlyList<PackAlert> live)
    {
        var rows = new List<WatchRow>();
        var byPair = live.Where(a => a.TargetId is not null).ToLookup(a => (a.UnitId, a.TargetId!));
        foreach (var u in plan.Units.Where(u => u.Kind != UnitKind.Overlay))
        {
            foreach (var (t, track) in tracks.ForUnit(plan, u.Id))
            {
                var e = track.Current;
                if (!TargetTrack.IsBehind(e.Light)) continue;
                // The newest live 督办 of the pair, unless an older live one was answered: a unit that answered its 落后序时进度
                // is not 未答复 because a 预计完不成 opened beside it since.
                var pair = byPair[(u.Id, t.Id)].OrderByDescending(a => a.OpenedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
                var alert = pair.FirstOrDefault(a => !string.IsNullOrWhiteSpace(a.Remedy)) ?? pair.FirstOrDefault();
                rows.Add(new WatchRow(u.Id, u.Name, t.Id, t.Name, t.Measure, e.Light, e.GapPoints, ShortfallOf(t, e), track.Since()!.Value,
                    alert?.Id, alert?.Remedy, alert?.PromisedBy, ChartNames.Unit(u.Id, t.Id))
                { AwaitingReview = track.AwaitingReview });
            }
        }
        return
        [
            .. rows.OrderByDescending(r => r.Light)
                .ThenBy(r => r.GapPoints)
                .ThenBy(r => r.UnitId, StringComparer.Ordinal)
                .ThenBy(r => r.TargetId, StringComparer.Ordinal),
        ];
    }

    /// <summary>The 红黄名单's 差额, the target page's: whole items for measures counted in items
    /// (<see cref="Views.UnitContribution.ShortfallOf"/>); for a ratio, the points of the ratio below its target (the
    /// page's ratioShort), not the numerator missing at the unit's denominator; null for milestones and ranks.</summary>
    internal static double? ShortfallOf(TargetDefinition t, Progress.TargetEvaluation e) =>
        t.Kind == TargetKind.Ratio ? Views.RatioShortfall.Of(e.AnnualTarget, e.Actual)
        : t.IsCumulative && t.Kind != TargetKind.Milestone ? Views.UnitContribution.ShortfallOf(t, e) : null;

    public static ImmutableArray<NotReportedRow> NotReported(PlanDocument plan, PackTracks tracks)
    {
        var rows = ImmutableArray.CreateBuilder<NotReportedRow>();
        foreach (var u in plan.Units.Where(u => u.Kind != UnitKind.Overlay))
        {
            var late = tracks.ForUnit(plan, u.Id).Where(x => x.Track.Current.NotReported).ToList();
            if (late.Count == 0) continue;
            var last = late.Select(x => x.Track.Current.ReportedAsOf).Max();
            rows.Add(new NotReportedRow(u.Id, u.Name, [.. late.Select(x => x.Target.Name)], last));
        }
        return rows.ToImmutable();
    }

    /// <param name="live">The 督办 live at the cut-off.</param>
    /// <param name="printed">The units whose pages the printed pack carries; null for all (<see cref="PackScope"/>).</param>
    public static ImmutableArray<UnitPage> Units(PlanDocument plan, PackTracks tracks, ImmutableArray<RankingRow> ranking,
        IReadOnlyList<PackAlert> live, IReadOnlySet<string>? printed)
    {
        var order = ranking.Select((r, i) => (r.UnitId, i)).ToDictionary(x => x.UnitId, x => x.i, StringComparer.Ordinal);
        var byUnit = live.ToLookup(a => a.UnitId, StringComparer.Ordinal);
        var pages = new List<(int Order, int PlanOrder, UnitPage Page)>();
        for (var k = 0; k < plan.Units.Length; k++)
        {
            var u = plan.Units[k];
            var rows = tracks.ForUnit(plan, u.Id).Select(x => Row(u, x.Target, x.Track)).ToImmutableArray();
            if (rows.IsEmpty) continue;
            var rank = order.TryGetValue(u.Id, out var at) ? ranking[at] : null;
            var open = byUnit[u.Id].OrderBy(a => a.OpenedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToImmutableArray();
            var page = new UnitPage(u.Id, u.Name, u.Office, u.Kind == UnitKind.Overlay, rank?.Score, rank?.Rank, rows, open, ChartNames.Overview(u.Id))
            {
                Printed = printed is null || printed.Contains(u.Id),
            };
            pages.Add((order.GetValueOrDefault(u.Id, int.MaxValue), k, page));
        }
        return [.. pages.OrderBy(p => p.Order).ThenBy(p => p.PlanOrder).Select(p => p.Page)];
    }

    private static UnitTargetRow Row(ReportingUnit unit, TargetDefinition t, TargetTrack track)
    {
        var e = track.Current;
        var chart = unit.Kind != UnitKind.Overlay && TargetTrack.IsBehind(e.Light) ? ChartNames.Unit(unit.Id, t.Id) : null;
        return new UnitTargetRow(t.Id, t.Name, t.Measure, t.Kind, e.AnnualTarget, e.Actual, e.CompletionRate, e.ScheduleRate,
            e.GapPoints, e.Light, e.NotReported, e.ReportedAsOf, track.Previous.Actual, chart, track.Note)
        { AwaitingReview = track.AwaitingReview, ScheduleDate = e.ScheduleDate, Why = WhyOf(t, e) };
    }

    /// <summary>The light's 判灯依据 where the light differs from the band 较序时 alone falls in (what a reader of the
    /// table would take it for): "−40.0 绿" needs its sentence beside it. Null where they agree, for grey lights and
    /// for ranks and milestones (judged by place and by node deadlines, not by points).</summary>
    internal static string? WhyOf(TargetDefinition target, Progress.TargetEvaluation e)
    {
        if (e.Light == Progress.Light.Grey || target.Kind is TargetKind.Rank or TargetKind.Milestone) return null;
        return Progress.LightRules.Raw(e.GapPoints, target.Thresholds) == e.Light ? null : e.Explanation;
    }
}
