using System.Globalization;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Demo;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Benchmarks;

/// <summary>Diagnosis for <c>mode=signal trace=target:unit seed=N</c>: one target × unit's demo year day by day (the
/// judgement after the day's reports), printed on days something changed: the true pace and 较序时, the light, 未报送,
/// the newest figure, the unit's pace on its other targets and its rise when it is catching up (<see cref="UnitPace.Borrow"/>) and the explanation. Not part of the report; the replay itself is <see cref="SignalQuality"/>.</summary>
internal static class SignalTrace
{
    public static void Print(PlanDocument plan, int seed, string pair)
    {
        var (targetId, unitId) = pair.Split(':') is [var t, var u] ? (t, u) : throw new ArgumentException("trace=target:unit");
        var target = plan.FindTarget(targetId) ?? throw new ArgumentException($"no target {targetId}");
        var a = target.AssignmentFor(unitId) ?? throw new ArgumentException($"no unit {unitId}");
        var profile = DemoYear.ProfileOf(seed, unitId);
        Console.WriteLine($"== trace {targetId} × {unitId}, seed {seed}: target {a.Target}, pace {profile.Pace:0.00}{(profile.CatchesUp ? " catching up" : "")}{(profile.Late ? " late" : "")} ==");
        var year = DemoYear.Generate(plan, seed);
        var sent = year.Where(r => r.TargetId == targetId && r.UnitId == unitId).OrderBy(r => r.SendOn).ToList();
        var borrowed = ReplayUnitPace.BorrowedFor(plan, year, targetId, unitId);
        foreach (var r in sent) Console.WriteLine($"  report AsOf {r.AsOf:MM-dd} sent {r.SendOn:MM-dd} value {r.Value}");
        var curve = Trajectory.Build(plan, target, [a]);
        var accepted = new List<ReportEntry>();
        var previous = new PreviousLight(Light.Grey, null);
        var next = 0;
        string? lastLine = null;
        for (var d = new DateOnly(plan.Year, 1, 1); d.Year == plan.Year; d = d.AddDays(1))
        {
            var at = ShanghaiTime.StartOf(d) + SignalQuality.ReportsAfterMidnight;
            while (next < sent.Count && sent[next].SendOn <= d)
            {
                var r = sent[next++];
                accepted.Add(new ReportEntry(r.ReportId, r.AsOf, r.Value, r.Numerator, r.Denominator, false, r.Note, at, "demo", "trace"));
            }
            var e = TargetEvaluator.Evaluate(plan, target, a, accepted, at, previous, unitPace: borrowed[d.DayOfYear - 1]);
            previous = new PreviousLight(e.Light, e.LightSince);
            var p = curve[d.DayOfYear - 1];
            var truth = a.Target > 0 ? (profile.PaceOn(d) - 1) * p.Expected / a.Target * 100 : 0;
            var line = $"{LightRules.Raw(truth, target.Thresholds),-6} {e.Light,-6} {(e.NotReported ? "未报送" : ""),-3} actual {e.Actual} gap {e.GapPoints:0.0} f {e.Forecast?.Value:0.0}[{e.Forecast?.Low:0.0},{e.Forecast?.High:0.0}]{(borrowed[d.DayOfYear - 1] is { } unit ? $" unit {unit.Level:0.00}{(unit.Rise is { } rise ? $" rise +{rise:0.00}" : "")}" : "")} {e.Explanation}";
            if (line != lastLine) Console.WriteLine($"  {d:MM-dd} truth {truth.ToString("0.0", CultureInfo.InvariantCulture),6} {line}");
            lastLine = line;
        }
    }
}
