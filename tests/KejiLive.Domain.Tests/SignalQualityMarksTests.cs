using KejiLive.Domain.Demo;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>The 待核实 counts of the signal-quality replay on hand-made series of hi-tech × 章贡区 (40 家, linear, default
/// k = 3, jump share 25%): 6 by 31 Mar, 10 by 30 Apr, 14 by 31 May, then 30 Jun and 31 Jul as given, each sent 5 days later.
/// By hand (see <see cref="DataQualityTests"/>): on 30 Jun the allowance is 12 (4 in 30 days × 3), so 30 is a jump (+16).
/// With 30 Jun still 待核实, 31 Jul is compared with 31 May: allowance 24.4 (4/30 × 61 days × 3), so 33 passes (+19) and
/// 40 is a jump (+26). Once 30 Jun is confirmed, 31 Jul is compared with it: allowance 49.6 (16/30 × 31 × 3), 40 passes.</summary>
public sealed class SignalQualityMarksTests
{
    private static readonly PlanDocument Plan = PlanJson.Load();

    private static DemoReport[] Series(double june, double july) =>
    [
        Report("2025-03-31", 6), Report("2025-04-30", 10), Report("2025-05-31", 14), Report("2025-06-30", june), Report("2025-07-31", july),
    ];

    [Theory]
    // june, july, confirm, accepted, marked (AsOf month), marks after an open one
    [InlineData(20, 24, false, 5, "", 0)] // steady: nothing
    [InlineData(26, 30, false, 5, "", 0)] // +12 on 30 Jun: on the line, not over it
    [InlineData(30, 33, false, 5, "6", 0)] // one jump; July passes against 31 May
    [InlineData(30, 40, false, 5, "6,7", 1)] // June never confirmed: July is measured from May and marked too
    [InlineData(30, 40, true, 5, "6", 0)] // June confirmed before July arrives: July passes
    [InlineData(20, 18, false, 4, "", 0)] // a fall without a correction is refused, not marked: no drops in a demo year
    public void Replay_CountsMarks_AsTheGrainWouldSetThem(double june, double july, bool confirm, int accepted, string months, int afterOpen)
    {
        var result = SignalQuality.Replay(Plan, Series(june, july), (_, _) => 1.0, confirmMarks: confirm);

        var marks = result.QualityMarks;
        Assert.Equal(accepted, result.Reports);
        Assert.Equal(accepted, result.CheckedReports);
        Assert.Equal(months, string.Join(",", marks.Select(m => m.AsOf.Month)));
        Assert.All(marks, m => Assert.Equal((QualityIssue.Jump, "hi-tech", "360702"), (m.Issue, m.TargetId, m.UnitId)));
        Assert.Equal((marks.Length, 0), (result.Jumps, result.Drops));
        Assert.Equal(afterOpen, marks.Count(m => m.AfterUnconfirmed));
        Assert.Equal((double)marks.Length / accepted, result.MarkedShare, Fx.Tol);
    }

    [Fact]
    public void Replay_Mark_CarriesTheRulesNumbers_AndTheReceivedDay()
    {
        var mark = SignalQuality.Replay(Plan, Series(30, 33), (_, _) => 1.0).QualityMarks.Single();

        Assert.Equal((16.0, 12.0), (mark.Change, mark.Allowance));
        Assert.Equal((Fx.D("2025-06-30"), Fx.D("2025-07-05")), (mark.AsOf, mark.ReceivedOn));
        // Every compared report's change over its allowance: 4/… for April and May, 16/12 for June, 19/24.4 for July.
        var ratios = SignalQuality.Replay(Plan, Series(30, 33), (_, _) => 1.0).ChangeToAllowance["hi-tech"];
        Assert.Equal(4, ratios.Length);
        Assert.Equal(16.0 / 12, ratios[2], 1e-6);
        Assert.Equal(19 / (4.0 / 30 * 61 * 3), ratios[3], 1e-6);
    }

    [Theory]
    // pace of the unit (before June, from June), near plan, steady
    [InlineData(1.0, 1.0, true, true)]
    [InlineData(0.62, 0.62, false, true)] // behind, but at its one pace: the mark is still false
    [InlineData(0.7, 1.0, false, false)] // catching up between 31 May and 30 Jun
    public void Replay_Mark_SaysWhetherTheUnitsGeneratedPaceWasNormal(double before, double from, bool nearPlan, bool steady)
    {
        var mark = SignalQuality.Replay(Plan, Series(30, 33), (_, d) => d.Month >= 6 ? from : before).QualityMarks.Single();

        Assert.Equal((nearPlan, steady, !steady), (mark.NearPlan, mark.SteadyPace, mark.PaceChanged));
        Assert.Equal(from, mark.Pace);
    }

    [Fact]
    public void Replay_DemoYear_MarksNothingTheLightsDependOn()
    {
        // The marks never change a light: the replay's other counts are the same whether or not marks are confirmed.
        var (open, confirmed) = (SignalQuality.Replay(Plan, 2025), SignalQuality.Replay(Plan, 2025, confirmMarks: true));

        Assert.Equal((open.Judgements, open.LightChanges, open.FalseReds, open.Flaps.Length, open.Reports),
            (confirmed.Judgements, confirmed.LightChanges, confirmed.FalseReds, confirmed.Flaps.Length, confirmed.Reports));
        Assert.Equal(0, open.Drops);
    }

    private static DemoReport Report(string asOf, double value) =>
        new($"t-{asOf}", "hi-tech", "360702", Fx.D(asOf), Fx.D(asOf).AddDays(5), value, null, null, DemoYear.Note);
}
