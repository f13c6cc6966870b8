using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Demo;

/// <summary>A whole plan year of synthetic but plausible reports, deterministic for a seed: each unit follows the plan
/// curve at its own pace (most near plan, a few behind, some catching up after the summer), counts are cumulative,
/// 高企-style schedule targets arrive in the plan's batches, statistics come quarterly, some units report late,
/// milestones are done around their due dates (some late). Every note says it is sample data.</summary>
public static class DemoYear
{
    public const string Note = "示例数据（演示年）";

    /// <summary>Who the demo's reports are from, as the pages show it (报送人, 操作人): the replay, in words.</summary>
    public const string Reporter = "示例数据（自动报送）";

    /// <summary>The source the demo's replay stores its reports with.</summary>
    public const string ReplaySource = "demo-replay";

    /// <summary>Who a stored report is shown as from: the demo's reports stored before the replay had its name
    /// (<c>demo</c> from <see cref="ReplaySource"/>) as <see cref="Reporter"/>; everyone else as recorded.</summary>
    public static string ReporterShown(string submittedBy, string source) =>
        source == ReplaySource && submittedBy == "demo" ? Reporter : submittedBy;

    public static ImmutableArray<DemoReport> Generate(PlanDocument plan, int seed)
    {
        var reports = ImmutableArray.CreateBuilder<DemoReport>();
        var yearEnd = new DateOnly(plan.Year, 12, 31);
        foreach (var target in plan.Targets)
        {
            foreach (var a in target.Assignments)
            {
                if (plan.FindUnit(a.UnitId) is not { Kind: not UnitKind.Overlay }) continue;
                var rng = new Random(Stable($"{seed}/{target.Id}/{a.UnitId}"));
                var profile = ProfileOf(seed, a.UnitId);
                var lag = 3 + rng.Next(5) + (profile.Late ? 18 : 0);
                foreach (var r in Reports(plan, target, a, profile, rng))
                {
                    var sendOn = r.AsOf.AddDays(lag);
                    if (sendOn > yearEnd) sendOn = yearEnd;
                    reports.Add(r with { SendOn = sendOn, ReportId = $"demo-{seed}-{target.Id}-{a.UnitId}-{r.AsOf:yyyyMMdd}" });
                }
            }
        }
        return [.. reports.OrderBy(r => r.SendOn).ThenBy(r => r.ReportId, StringComparer.Ordinal)];
    }

    private static IEnumerable<DemoReport> Reports(PlanDocument plan, TargetDefinition t, Assignment a, DemoUnitProfile p, Random rng)
    {
        switch (t.Kind)
        {
            case TargetKind.Milestone:
                var done = 0;
                foreach (var m in t.Milestones)
                {
                    var finished = m.Due.AddDays(rng.Next(-20, p.Pace < 0.9 ? 40 : 10));
                    if (finished.Year != plan.Year) yield break;
                    done++;
                    yield return Report(t, a, finished, done, null, null);
                }
                yield break;
            case TargetKind.Rank:
                yield return Report(t, a, new DateOnly(plan.Year, 12, 15), 1 + rng.Next(5), null, null);
                yield break;
            case TargetKind.Ratio:
                var denominator = Math.Round(100 + rng.NextDouble() * 700, 1);
                foreach (var d in PeriodEnds(plan.Year, ReportingCycle.Quarterly))
                {
                    var ratio = a.Target * (p.Pace * 0.9 + 0.15 * rng.NextDouble());
                    var numerator = Math.Round(ratio / t.RatioScale * denominator, 3);
                    yield return Report(t, a, d, Math.Round(numerator / denominator * t.RatioScale, 4), numerator, denominator);
                }
                yield break;
            default:
                var curve = Trajectory.Build(plan, t, [a]);
                var last = 0.0;
                foreach (var d in PeriodEnds(plan.Year, t.ReportingCycle))
                {
                    var expected = curve[d.DayOfYear - 1].Expected;
                    var pace = p.PaceOn(d);
                    var value = expected * pace * (0.95 + 0.1 * rng.NextDouble());
                    value = IsWhole(t) ? Math.Floor(value) : Math.Round(value, 3);
                    last = Math.Max(last, value);
                    yield return Report(t, a, d, last, null, null);
                }
                yield break;
        }
    }

    private static DemoReport Report(TargetDefinition t, Assignment a, DateOnly asOf, double value, double? numerator, double? denominator) =>
        new("", t.Id, a.UnitId, asOf, asOf, value, numerator, denominator, Note);

    private static IEnumerable<DateOnly> PeriodEnds(int year, ReportingCycle cycle) => cycle switch
    {
        ReportingCycle.Weekly => Enumerable.Range(1, 52).Select(w => new DateOnly(year, 1, 1).AddDays(7 * w - 1)).Where(d => d.Year == year),
        ReportingCycle.Quarterly => [new(year, 3, 31), new(year, 6, 30), new(year, 9, 30), new(year, 12, 31)],
        ReportingCycle.Annual => [new(year, 12, 31)],
        _ => Enumerable.Range(1, 12).Select(m => new DateOnly(year, m, DateTime.DaysInMonth(year, m))),
    };

    private static bool IsWhole(TargetDefinition t) => t.Measure is "家" or "个" or "项" or "名" or "人";

    /// <summary>How a unit behaves all year: its pace against plan, whether it catches up after the summer, whether it
    /// reports late. The same for every target of the unit, so the wall shows units, not noise. Public as the ground
    /// truth for <see cref="SignalQuality"/>.</summary>
    public static DemoUnitProfile ProfileOf(int seed, string unitId)
    {
        var rng = new Random(Stable($"{seed}/{unitId}/profile"));
        var roll = rng.NextDouble();
        return roll switch
        {
            < 0.15 => new DemoUnitProfile(0.62, CatchesUp: false, Late: rng.NextDouble() < 0.5),
            < 0.30 => new DemoUnitProfile(0.7, CatchesUp: true, Late: false),
            _ => new DemoUnitProfile(0.92 + 0.25 * rng.NextDouble(), CatchesUp: false, Late: rng.NextDouble() < 0.1),
        };
    }

    /// <summary>A string hash that is the same in every process (string.GetHashCode and HashCode are randomised per process).</summary>
    private static int Stable(string s)
    {
        unchecked
        {
            var h = 17;
            foreach (var c in s) h = (h * 31) + c;
            return h;
        }
    }
}
