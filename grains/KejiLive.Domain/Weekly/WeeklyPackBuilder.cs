using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Weekly;

/// <summary>Builds a week's pack from the plan, every target × unit's report history and the alerts known. Each target ×
/// unit is replayed day by day (<see cref="TrackReplay"/>), so a past week reads exactly as it stood then.</summary>
public static class WeeklyPackBuilder
{
    /// <summary>Builds the pack of <paramref name="week"/> as known at <paramref name="now"/>.</summary>
    /// <param name="histories">Every report of each (target, unit); a missing pair has no reports.</param>
    /// <param name="alerts">督办 alerts known (any week; the builder picks what applies).</param>
    /// <param name="reviews">The stored 待核实 marks of each (target, unit), with when each ended, so a past week shows the
    /// marks as they stood at its cut-off (<see cref="PackReview"/>). Null or a missing pair: only the entries' current
    /// <see cref="ReportEntry.AwaitingReview"/> is known.</param>
    /// <exception cref="ArgumentOutOfRangeException">The week is not a week of the plan year, or has not started.</exception>
    public static WeeklyPack Build(PlanDocument plan, IReadOnlyDictionary<(string TargetId, string UnitId), IReadOnlyList<ReportEntry>> histories,
        IReadOnlyList<PackAlert> alerts, IsoWeek week, DateTimeOffset now,
        IReadOnlyDictionary<(string TargetId, string UnitId), IReadOnlyList<ReviewMark>>? reviews = null)
    {
        if (!PlanWeeks.Contains(plan, week)) throw new ArgumentOutOfRangeException(nameof(week), week, $"{week} is not a week of plan year {plan.Year}.");
        if (!PlanWeeks.HasStarted(plan, week, now)) throw new ArgumentOutOfRangeException(nameof(week), week, $"{week} has not started at {now:O}.");
        var cutOff = PlanWeeks.CutOff(plan, week, now);
        var previousEnd = PlanWeeks.PreviousEnd(plan, week);
        var tracks = Replay(plan, histories, reviews, cutOff, previousEnd);
        var ranking = PackRanking.Rank(plan, tracks);
        var watch = PackLists.Watch(plan, tracks, alerts, cutOff);
        return new WeeklyPack(
            plan.Id, plan.City, plan.Title, plan.SampleSplit, week, cutOff, previousEnd, PlanWeeks.HasEnded(plan, week, now),
            Summary(plan, tracks),
            ranking,
            UnitScore.Rule,
            watch,
            [.. alerts.Where(a => a.OpenedAt > previousEnd && a.OpenedAt <= cutOff).OrderBy(a => a.OpenedAt).ThenBy(a => a.Id, StringComparer.Ordinal)],
            [.. alerts.Where(a => a.ClosedAt > previousEnd && a.ClosedAt <= cutOff).OrderBy(a => a.ClosedAt).ThenBy(a => a.Id, StringComparer.Ordinal)],
            PackLists.NotReported(plan, tracks),
            PackLists.Units(plan, tracks, ranking, alerts, cutOff),
            PackCharts.Series(plan, tracks, watch));
    }

    private static PackTracks Replay(PlanDocument plan, IReadOnlyDictionary<(string, string), IReadOnlyList<ReportEntry>> histories,
        IReadOnlyDictionary<(string, string), IReadOnlyList<ReviewMark>>? reviews, DateTimeOffset cutOff, DateTimeOffset previousEnd)
    {
        var units = new Dictionary<(string TargetId, string UnitId), TargetTrack>();
        var cities = new Dictionary<string, TargetTrack>(StringComparer.Ordinal);
        // Target × unit replays are independent: run them in parallel, then roll each target up in plan order.
        var pairs = plan.Targets.SelectMany(t => t.Assignments.Select(a => (Target: t, Assignment: a))).ToArray();
        var replayed = new TargetTrack[pairs.Length];
        Parallel.For(0, pairs.Length, i =>
        {
            var (t, a) = pairs[i];
            var reports = histories.TryGetValue((t.Id, a.UnitId), out var list) ? list : [];
            var marks = reviews is not null && reviews.TryGetValue((t.Id, a.UnitId), out var m) ? m : null;
            replayed[i] = TrackReplay.Unit(plan, t, a, reports, marks, cutOff, previousEnd);
        });
        // The forecasts at the cut-off with the unit's pace on its other targets, as the live target pages show them.
        var paces = Enumerable.Range(0, pairs.Length).Where(i => replayed[i].Current.OwnPace is not null)
            .ToLookup(i => pairs[i].Assignment.UnitId, i => replayed[i].Current.OwnPace!, StringComparer.Ordinal);
        for (var i = 0; i < pairs.Length; i++)
        {
            var (t, a) = pairs[i];
            var lent = UnitPace.Borrow(paces[a.UnitId], t.Id);
            var reports = histories.TryGetValue((t.Id, a.UnitId), out var list) ? list : [];
            units[(t.Id, a.UnitId)] = TrackReplay.WithUnitPace(plan, t, a, reports, replayed[i], cutOff, lent);
        }
        foreach (var t in plan.Targets)
        {
            var list = t.Assignments.Select(a => (a.UnitId, units[(t.Id, a.UnitId)])).ToList();
            cities[t.Id] = TrackReplay.City(plan, t, list, cutOff, previousEnd);
        }
        return new PackTracks(units, cities);
    }

    private static ImmutableArray<SummaryRow> Summary(PlanDocument plan, PackTracks tracks) =>
    [
        .. plan.Targets.Select(t =>
        {
            var city = tracks.Cities[t.Id];
            var c = city.Current;
            var p = city.Previous;
            var counted = t.Assignments.Where(a => plan.FindUnit(a.UnitId)?.Kind != UnitKind.Overlay)
                .Select(a => tracks.Units[(t.Id, a.UnitId)]).ToList();
            return new SummaryRow(t.Id, t.Name, t.Group, t.Measure, t.Kind, t.Department,
                c.AnnualTarget, c.Actual, c.CompletionRate, c.ScheduleRate, c.GapPoints, c.Light,
                p.Actual, p.CompletionRate, p.Light, counted.Count(u => u.Current.NotReported), ChartNames.City(t.Id))
            {
                UnitsAwaitingReview = counted.Count(u => u.AwaitingReview),
                ScheduleDate = c.ScheduleDate,
            };
        }),
    ];
}
