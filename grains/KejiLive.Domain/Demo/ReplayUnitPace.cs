using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Demo;

/// <summary>The unit pace (<see cref="UnitPace"/>) in the demo replay: each target × unit's own pace day by day, from the
/// reports sent before that day, as the unit grain holds its targets' snapshots, so <see cref="SignalQuality"/> lends each
/// judgement what the unit grain would.</summary>
public static class ReplayUnitPace
{
    /// <summary>What the unit grain would hand (<see cref="UnitPace.Borrow"/>) <paramref name="targetId"/> × <paramref name="unitId"/>
    /// on each day of the year (index DayOfYear − 1), from <paramref name="reports"/> as <see cref="SignalQuality.Replay(PlanDocument, IReadOnlyList{DemoReport}, Func{string, DateOnly, double}, int, bool)"/>
    /// reads them; for one pair's trace.</summary>
    public static BorrowedPace?[] BorrowedFor(PlanDocument plan, IReadOnlyList<DemoReport> reports, string targetId, string unitId)
    {
        var byPair = reports
            .Where(r => r.UnitId == unitId)
            .GroupBy(r => (r.TargetId, r.UnitId))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.SendOn).ThenBy(r => r.AsOf).ToList());
        var paces = OwnPaces(plan, byPair).GetValueOrDefault(unitId) ?? [];
        var borrowed = new BorrowedPace?[PlanCurve.DaysInYear(plan.Year)];
        for (var i = 0; i < borrowed.Length; i++) borrowed[i] = UnitPace.Borrow(paces.Select(p => p[i]).OfType<OwnPace>(), targetId);
        return borrowed;
    }

    /// <summary>Per unit, each of its count, range and growth targets' own pace (<see cref="UnitPace.Of"/>) per day of the
    /// year (index DayOfYear − 1), from the reports sent before that day, as the unit grain holds its targets' snapshots
    /// after the daily judge: what <see cref="UnitPace.Borrow"/> reads for the unit's other targets. (The demo gives a
    /// unit one pace on all its targets, <see cref="DemoYear.ProfileOf"/>, as a real office carries its own pace across
    /// them; the replay measures how far the rule gains from that.)</summary>
    internal static Dictionary<string, List<OwnPace?[]>> OwnPaces(PlanDocument plan, Dictionary<(string TargetId, string UnitId), List<DemoReport>> byPair)
    {
        var result = new Dictionary<string, List<OwnPace?[]>>(StringComparer.Ordinal);
        var first = new DateOnly(plan.Year, 1, 1);
        var days = PlanCurve.DaysInYear(plan.Year);
        foreach (var target in plan.Targets.Where(SignalQuality.HasPaceTruth))
        {
            foreach (var a in target.Assignments)
            {
                if (plan.FindUnit(a.UnitId) is not { Kind: not UnitKind.Overlay }) continue;
                var sent = byPair.GetValueOrDefault((target.Id, a.UnitId)) ?? [];
                var paces = new OwnPace?[days];
                var accepted = new List<ReportEntry>();
                var next = 0;
                OwnPace? pace = null;
                for (var i = 0; i < days; i++)
                {
                    var d = first.AddDays(i);
                    var any = false;
                    while (next < sent.Count && sent[next].SendOn < d)
                    {
                        var r = sent[next++];
                        var entry = SignalQuality.Entry(r, ShanghaiTime.StartOf(r.SendOn) + SignalQuality.ReportsAfterMidnight);
                        if (ReportRules.CheckHistory(target, accepted, entry) is not null) continue;
                        accepted.Add(entry);
                        any = true;
                    }
                    if (any) pace = UnitPace.Of(target, a, ReportSeries.Effective(accepted));
                    paces[i] = pace;
                }
                (result.TryGetValue(a.UnitId, out var list) ? list : result[a.UnitId] = []).Add(paces);
            }
        }
        return result;
    }
}
