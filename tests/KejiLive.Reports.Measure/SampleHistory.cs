using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Weekly;

namespace KejiLive.Reports.Measure;

/// <summary>A deterministic, plausible year of reports for every target × unit of a plan up to a date: each unit runs at
/// its own pace around the plan curve (some ahead, some far behind), a few stop reporting, and some alerts carry
/// answers (one of them hostile text, to show it is printed as text).</summary>
internal static class SampleHistory
{
    public static Dictionary<(string, string), IReadOnlyList<ReportEntry>> Reports(PlanDocument plan, DateOnly until)
    {
        var result = new Dictionary<(string, string), IReadOnlyList<ReportEntry>>();
        var unitIndex = plan.Units.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i);
        foreach (var t in plan.Targets)
        {
            foreach (var a in t.Assignments)
            {
                var k = unitIndex[a.UnitId];
                var pace = 0.55 + (((k * 37) + t.Id.Length * 11) % 60 / 100.0); // 0.55 … 1.14
                var stopsAfter = k % 7 == 3 ? until.AddDays(-50) : until;
                var plan1 = Trajectory.Build(plan, t, [a]);
                var list = new List<ReportEntry>();
                var step = t.ReportingCycle switch { ReportingCycle.Weekly => 7, ReportingCycle.Monthly => 30, ReportingCycle.Quarterly => 91, _ => 120 };
                var last = -1.0;
                for (var d = new DateOnly(plan.Year, 1, 1).AddDays(step - 1); d <= stopsAfter; d = d.AddDays(step))
                {
                    var expected = plan1[d.DayOfYear - 1].Expected;
                    var value = t.Kind switch
                    {
                        TargetKind.Ratio => Math.Round(a.Target * (0.6 + (pace * 0.45)), 2),
                        TargetKind.Rank => 5,
                        TargetKind.Milestone => Math.Floor(expected * Math.Min(pace, 1)),
                        _ => Math.Round(expected * pace, t.Measure == "亿元" ? 2 : 0),
                    };
                    if (t.IsCumulative) value = Math.Max(value, Math.Max(last, 0));
                    last = value;
                    double? num = t.Kind == TargetKind.Ratio ? value * 10 : null;
                    double? den = t.Kind == TargetKind.Ratio ? 1000 / t.RatioScale * 100 / 100 * 10 * t.RatioScale / 100 : null;
                    if (t.Kind == TargetKind.Ratio) { num = value; den = t.RatioScale; }
                    list.Add(new ReportEntry($"{t.Id}-{a.UnitId}-{d:MMdd}", d, value, num, den, false, "按期报送",
                        ShanghaiTime.StartOf(d).AddHours(17), "sample", "sample"));
                }
                result[(t.Id, a.UnitId)] = list;
            }
        }
        return result;
    }

    public static List<PackAlert> Alerts(PlanDocument plan, WeeklyPack draft, int count = 12)
    {
        var alerts = new List<PackAlert>();
        var i = 0;
        foreach (var w in draft.Watch.Take(count))
        {
            i++;
            // At scale every alert is opened within the week, as when a large plan's units first report in it.
            var opened = ShanghaiTime.StartOf(count > 12 && w.Since < draft.Week.Monday ? draft.Week.Monday : w.Since).AddHours(9);
            string? remedy = (i % 3) switch
            {
                0 => null,
                1 => "已召开专题会，分解到乡镇，8月底前补齐差额。",
                _ => i == 2 ? "<script>alert('x')</script> =HYPERLINK(\"http://evil\")" : "=1+1 组织企业集中申报",
            };
            alerts.Add(new PackAlert($"DB-{i:D5}", w.UnitId, w.TargetId, "落后序时进度", w.Light == Light.Red ? "红" : "黄",
                remedy is null ? PackAlertState.Open : PackAlertState.Acknowledged, opened, null, remedy,
                remedy is null ? null : draft.Week.Sunday.AddDays(45)));
        }
        var closedAt = ShanghaiTime.StartOf(draft.Week.Monday.AddDays(2)).AddHours(10);
        alerts.Add(new PackAlert("DB-900", plan.Units[0].Id, plan.Targets[0].Id, "落后序时进度", "黄", PackAlertState.Closed,
            closedAt.AddDays(-20), closedAt, "已追平", null));
        return alerts;
    }
}
