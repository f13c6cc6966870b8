using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;
using KejiLive.Domain.Weekly;

namespace KejiLive.Domain.Tests.Weekly;

/// <summary>待核实 in the pack of <see cref="WeeklyScenario"/> (cut-off 6 Jul 24:00): 360703 (南康区, red on hi-tech with 6
/// for 31 Mar) adds 8 for 3 Jul, marked 待核实 on arrival; whether the pack shows the mark depends on the stored mark's
/// end and on what else arrived by the cut-off.</summary>
public class WeeklyPackReviewTests
{
    private const string Flagged = "flagged";

    public static TheoryData<string, bool> Cases => new()
    {
        { "pending", true }, // marked, never confirmed
        { "confirmed-before", false }, // confirmed 5 Jul: trusted at the cut-off
        { "confirmed-after", true }, // confirmed 8 Jul, after the cut-off: still 待核实 in W27
        { "settled-before", false }, // replaced by a report for the same date on 5 Jul
        { "newer-report", false }, // the figure rests on a trusted report for 5 Jul, although the mark is still open
        { "received-after", false }, // arrived 7 Jul: not in W27 at all; the figure rests on 31 Mar
        { "no-marks-pending-now", true }, // only the entry's current state is known: pending now means pending then
        { "no-marks-cleared-now", false }, // only the current state: a mark that ended later is not seen (documented)
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pack_WhenAFigureRestsOnAReportAwaitingReviewAtTheCutOff_MarksItsRows(string name, bool marked)
    {
        var (reports, marks) = Case(name);
        var histories = WeeklyScenario.Histories();
        histories[("hi-tech", "360703")] = [.. histories[("hi-tech", "360703")], .. reports];
        var reviews = marks is null ? null : new Dictionary<(string, string), IReadOnlyList<ReviewMark>> { [("hi-tech", "360703")] = marks };

        var pack = WeeklyPackBuilder.Build(WeeklyScenario.Plan, histories, WeeklyScenario.Alerts(), WeeklyScenario.Week, WeeklyScenario.Now, reviews);

        var watch = pack.Watch.Single(w => w is { UnitId: "360703", TargetId: "hi-tech" });
        var row = pack.Units.Single(u => u.UnitId == "360703").Targets.Single(t => t.TargetId == "hi-tech");
        var summary = pack.Summary.Single(r => r.TargetId == "hi-tech");
        Assert.Equal((marked, marked, marked ? 1 : 0), (watch.AwaitingReview, row.AwaitingReview, summary.UnitsAwaitingReview));
        Assert.DoesNotContain(pack.Watch, w => w.AwaitingReview && w.UnitId != "360703");
        Assert.DoesNotContain(pack.Units.SelectMany(u => u.Targets.Select(t => (u.UnitId, t))), x => x.t.AwaitingReview && x.UnitId != "360703");
        Assert.Equal(0, pack.Summary.Where(r => r.TargetId != "hi-tech").Sum(r => r.UnitsAwaitingReview));
    }

    [Fact]
    public void Pack_WithoutMarks_MarksNothing()
    {
        var pack = WeeklyScenario.Build();

        Assert.DoesNotContain(pack.Watch, w => w.AwaitingReview);
        Assert.DoesNotContain(pack.Units.SelectMany(u => u.Targets), t => t.AwaitingReview);
        Assert.All(pack.Summary, r => Assert.Equal(0, r.UnitsAwaitingReview));
    }

    [Fact]
    public void Pack_PendingMark_KeepsTheFigureInTheSums()
    {
        // 待核实 is a mark, not an exclusion: the city sum counts the 8 (22 + 8 + 6 = 36), as the live light does.
        var pack = WeeklyScenario.BuildWithPendingReview();

        Assert.Equal(36.0, pack.Summary.Single(r => r.TargetId == "hi-tech").Actual, Fx.Tol);
        Assert.Equal(8.0, pack.Units.Single(u => u.UnitId == "360703").Targets.Single(t => t.TargetId == "hi-tech").Actual, Fx.Tol);
    }

    private static (List<ReportEntry> Reports, List<ReviewMark>? Marks) Case(string name)
    {
        var flagged = Fx.R("2025-07-03", 8, id: Flagged);
        return name switch
        {
            "pending" => ([Pending(flagged)], [new(Flagged, null)]),
            "confirmed-before" => ([flagged], [new(Flagged, Fx.At("2025-07-05", 9))]),
            "confirmed-after" => ([flagged], [new(Flagged, Fx.At("2025-07-08", 9))]),
            "settled-before" => ([flagged, Fx.R("2025-07-03", 7.5, receivedAt: Fx.At("2025-07-05", 9))], [new(Flagged, Fx.At("2025-07-05", 9))]),
            "newer-report" => ([Pending(flagged), Fx.R("2025-07-05", 9)], [new(Flagged, null)]),
            "received-after" => ([Pending(Fx.R("2025-07-03", 8, receivedAt: Fx.At("2025-07-07", 9), id: Flagged))], [new(Flagged, null)]),
            "no-marks-pending-now" => ([Pending(flagged)], null),
            "no-marks-cleared-now" => ([flagged], null),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    private static ReportEntry Pending(ReportEntry e) => e with { AwaitingReview = true };
}
