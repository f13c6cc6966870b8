using System.Globalization;
using KejiLive.Domain.Alerts;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>市本级's 未报送 督办 over the year: its targets are mostly milestone tasks (党建任务, 联合基金, "扫楼", platforms),
/// each owing its next node by the node's report deadline. The 督办 opens when a node is missing past its deadline and
/// resolves once nothing is; it is not raised for nodes not yet due.</summary>
public sealed class CityNotReportedAlertTests
{
    private static readonly PlanDocument Plan = PlanLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "plans", "ganzhou-2025.json"));

    [Fact]
    public void CityNotReported_OpensForAMissingNode_ResolvesOnceReported_AndStaysResolvedBetweenNodes()
    {
        // (judged date, nodes reported done up to this due date — on their due dates; empty: none; the alert's state after,
        // null: none was ever opened). Every figure of the city's other targets is reported on its period's end.
        (string Date, string NodesUpTo, AlertState? State)[] days =
        [
            ("2025-02-16", "", null),                   // nothing is due yet (the first nodes fall on 31 March)
            ("2025-04-21", "", AlertState.Open),        // the 31 March nodes are past their deadlines (15 and 20 April)
            ("2025-04-22", "2025-03-31", AlertState.Resolved),
            ("2025-06-16", "2025-05-31", AlertState.Resolved), // May's nodes reported; a task whose last node was April's owes none
            ("2025-07-21", "2025-06-30", AlertState.Resolved),
            ("2025-09-16", "2025-08-31", AlertState.Resolved),
            ("2025-10-21", "2025-09-30", AlertState.Resolved),
            ("2025-12-31", "2025-12-31", AlertState.Resolved),
        ];
        var track = AlertTrack.New(AlertKey.ForUnit("city", AlertRule.NotReported));
        foreach (var (date, nodesUpTo, state) in days)
        {
            var now = Fx.At(date, 20);
            var flags = Plan.Targets.Where(t => t.AssignmentFor("city") is not null)
                .Select(t => (t.Id, Fx.Eval(Plan, t.Id, "city", now, CityReports(t, Fx.D(date), nodesUpTo)).NotReported))
                .ToList();
            track = UnitAlerts.ObserveNotReported(track, flags, Plan.Alerts, now, Cal2025, id => Plan.FindTarget(id)!.Name).Track;
            Assert.True(state == track.Alert?.State,
                $"{date}: expected {state?.ToString() ?? "no alert"}, got {track.Alert?.State.ToString() ?? "no alert"} ({string.Join("、", flags.Where(f => f.NotReported).Select(f => f.Id))} 未报送)");
        }
    }

    /// <summary>What 市本级 has reported of <paramref name="target"/> by <paramref name="date"/>: for a milestone task one
    /// report per node due on or before <paramref name="nodesUpTo"/>, dated its due date and counting it done; for
    /// other targets a figure at each period end up to the date.</summary>
    private static ReportEntry[] CityReports(TargetDefinition target, DateOnly date, string nodesUpTo)
    {
        if (target.Kind == TargetKind.Milestone)
        {
            if (nodesUpTo.Length == 0) return [];
            var upTo = Fx.D(nodesUpTo);
            return [.. target.Milestones.Select((m, i) => (m.Due, Done: i + 1.0)).Where(n => n.Due <= upTo && n.Due <= date)
                .Select(n => Fx.R(Iso(n.Due), n.Done))];
        }
        var reports = new List<ReportEntry>();
        for (var end = ReleaseCalendar.PeriodEndOf(target.ReportingCycle, new DateOnly(date.Year, 1, 1)); end <= date && end.Year == date.Year;
             end = ReleaseCalendar.PeriodEndOf(target.ReportingCycle, end.AddDays(1)))
        {
            reports.Add(Fx.R(Iso(end), reports.Count + 1, numerator: 1, denominator: 100));
        }
        return [.. reports];
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
