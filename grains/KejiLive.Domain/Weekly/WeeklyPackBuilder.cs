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
    /// <param name="parallelism">Threads the replay may use (0: every core). A silo leaves a core to live work.</param>
    /// <exception cref="ArgumentOutOfRangeException">The week is not a week of the plan year, or has not started.</exception>
    public static WeeklyPack Build(PlanDocument plan, IReadOnlyDictionary<(string TargetId, string UnitId), IReadOnlyList<ReportEntry>> histories,
        IReadOnlyList<PackAlert> alerts, IsoWeek week, DateTimeOffset now,
        IReadOnlyDictionary<(string TargetId, string UnitId), IReadOnlyList<ReviewMark>>? reviews = null, int parallelism = 0)
    {
        if (!PlanWeeks.Contains(plan, week)) throw new ArgumentOutOfRangeException(nameof(week), week, $"{week} is not a week of plan year {plan.Year}.");
        if (!PlanWeeks.HasStarted(plan, week, now)) throw new ArgumentOutOfRangeException(nameof(week), week, $"{week} has not started at {now:O}.");
        var cutOff = PlanWeeks.CutOff(plan, week, now);
        var previousEnd = PlanWeeks.PreviousEnd(plan, week);
        var tracks = TrackReplay.All(plan, histories, reviews, cutOff, previousEnd, parallelism > 0 ? parallelism : Environment.ProcessorCount);
        var ranking = PackRanking.Rank(plan, tracks);
        var live = alerts.Where(a => a.IsLiveAt(cutOff)).ToList();
        var watch = PackLists.Watch(plan, tracks, live);
        var printed = PackScope.PrintedUnits(plan, ranking);
        return new WeeklyPack(
            plan.Id, plan.City, plan.Title, plan.SampleSplit, week, cutOff, previousEnd, PlanWeeks.HasEnded(plan, week, now),
            Summary(plan, tracks),
            ranking,
            UnitScore.Rule,
            watch,
            [.. alerts.Where(a => a.OpenedAt > previousEnd && a.OpenedAt <= cutOff).OrderBy(a => a.OpenedAt).ThenBy(a => a.Id, StringComparer.Ordinal)],
            [.. alerts.Where(a => a.ClosedAt > previousEnd && a.ClosedAt <= cutOff).OrderBy(a => a.ClosedAt).ThenBy(a => a.Id, StringComparer.Ordinal)],
            PackLists.NotReported(plan, tracks),
            PackLists.Units(plan, tracks, ranking, live, printed),
            PackCharts.Series(plan, tracks, printed is null ? watch : [.. watch.Where(w => printed.Contains(w.UnitId))]))
        {
            Condensed = printed is not null,
            DueSoon = PackLists.DueSoon(plan, tracks),
            AlertsLive = live.Count,
            AlertsLiveAnswered = live.Count(a => !string.IsNullOrWhiteSpace(a.Remedy)),
        };
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
                ScheduleDateLatest = c.ScheduleDateLatest,
                Why = PackLists.WhyOf(t, c),
            };
        }),
    ];
}
