using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

/// <summary>The 待核实 rule (<see cref="DataQuality"/>) with the default settings (k = 3, jump share 25%, drop share 10%),
/// on the test plan: hi-tech × 章贡区 is 40 家, linear; batches (city) is 10 家 on a step curve (20% by 31 Mar, 50% by
/// 30 Sep, 100% by 31 Dec).</summary>
public class DataQualityTests
{
    private static readonly PlanDocument Plan = PlanJson.Load();

    /// <summary>A trusted history "asOf=value;…"; a value ending in ? is awaiting review.</summary>
    private static List<ReportEntry> History(string text) =>
        [.. text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p =>
        {
            var (asOf, value) = (p.Split('=')[0], p.Split('=')[1]);
            var pending = value.EndsWith('?');
            return Fx.R(asOf, double.Parse(value.TrimEnd('?'), System.Globalization.CultureInfo.InvariantCulture)) with { AwaitingReview = pending };
        })];

    private static QualityFinding? Check(string target, string unit, string history, string asOf, double value, bool correction = false)
    {
        var t = Plan.FindTarget(target)!;
        return DataQuality.Check(t, t.AssignmentFor(unit)!, History(history), Fx.R(asOf, value, correction: correction), t.DataQuality);
    }

    // Steady history: 6 by 31 Mar, 10 by 30 Apr, 14 by 31 May; fastest pace 4 in 30 days. On 30 Jun the history allows
    // 4 (plan 3.29), × 3 = 12, above the share floor 10: a rise of more than 12 (value above 26) is a jump.
    private const string Steady = "2025-03-31=6;2025-04-30=10;2025-05-31=14";

    [Theory]
    [InlineData("hi-tech", "360702", "", "2025-06-30", 40, null)] // first report: no history to be outside of
    [InlineData("hi-tech", "360702", "2025-05-31=30?", "2025-06-30", 40, null)] // only an unconfirmed report before it
    [InlineData("hi-tech", "360702", Steady, "2025-06-30", 20, null)]
    [InlineData("hi-tech", "360702", Steady, "2025-06-30", 26, null)] // rise 12 = k × history pace: on the line
    [InlineData("hi-tech", "360702", Steady, "2025-06-30", 26.5, QualityIssue.Jump)]
    [InlineData("hi-tech", "360702", Steady, "2025-08-31", 35, null)] // three months: the allowance grows with the days
    [InlineData("hi-tech", "360702", Steady, "2025-05-31", 27, QualityIssue.Jump)] // same date restated: compared with 30 Apr
    [InlineData("hi-tech", "360702", Steady, "2025-04-15", 8, null)] // a late report between two others
    // slow history (pace 1/61 a day): k × max(history 0.49, plan 3.29) = 9.86 is below the share floor 10, which decides
    [InlineData("hi-tech", "360702", "2025-03-31=1;2025-05-31=2", "2025-06-30", 11.9, null)]
    [InlineData("hi-tech", "360702", "2025-03-31=1;2025-05-31=2", "2025-06-30", 12, null)]
    [InlineData("hi-tech", "360702", "2025-03-31=1;2025-05-31=2", "2025-06-30", 12.5, QualityIssue.Jump)]
    // an unconfirmed jump is not history: later reports are compared with the last trusted one (14 on 31 May)
    [InlineData("hi-tech", "360702", Steady + ";2025-06-30=40?", "2025-07-31", 16, null)]
    [InlineData("hi-tech", "360702", Steady + ";2025-06-30=40?", "2025-07-31", 42, QualityIssue.Jump)]
    // a confirmed jump is history: its pace (26 in 30 days) makes the next big rise ordinary
    [InlineData("hi-tech", "360702", Steady + ";2025-06-30=40", "2025-07-31", 42, null)]
    // the step curve expects 30% (3 家) between 30 Jun and 30 Sep: k × 3 = 9 beats the history's 3 × 2.04
    [InlineData("batches", "city", "2025-03-31=2;2025-06-30=2", "2025-09-30", 11, null)]
    [InlineData("batches", "city", "2025-03-31=2;2025-06-30=2", "2025-09-30", 11.5, QualityIssue.Jump)]
    // drops (a correction below the last trusted value): more than 10% of 40 = 4
    [InlineData("hi-tech", "360702", Steady, "2025-06-30", 10, null)]
    [InlineData("hi-tech", "360702", Steady, "2025-06-30", 9.5, QualityIssue.Drop)]
    // correcting an unconfirmed jump back into line is not itself a drop
    [InlineData("hi-tech", "360702", Steady + ";2025-06-30=40?", "2025-06-30", 17, null)]
    // growth targets are amounts: 360702's annual target is 108 亿元 (100 × 1.08); share floor 27
    [InlineData("rd-growth", "360702", "2025-03-31=10;2025-06-30=31", "2025-09-30", 60, null)]
    [InlineData("rd-growth", "360702", "2025-03-31=10;2025-06-30=31", "2025-09-30", 150, QualityIssue.Jump)]
    // ratios, ranks and milestones are not checked
    [InlineData("rd-intensity", "360702", "2025-03-31=1;2025-06-30=1.1", "2025-09-30", 25, null)]
    [InlineData("award-rank", "city", "2025-03-31=9", "2025-09-30", 1, null)]
    [InlineData("lab", "city", "2025-03-31=0", "2025-04-01", 3, null)]
    public void Check_WhenReportComparedWithHistory_MarksOnlyFarOutside(string target, string unit, string history, string asOf, double value, QualityIssue? expected)
    {
        var finding = Check(target, unit, history, asOf, value, correction: true);
        Assert.Equal(expected, finding?.Issue);
    }

    [Fact]
    public void Check_WhenJump_SaysChangeAllowanceAndReasonInChinese()
    {
        var finding = Check("hi-tech", "360702", Steady, "2025-06-30", 40)!;
        Assert.Equal((QualityIssue.Jump, 26.0, 12.0), (finding.Issue, finding.Change, Math.Round(finding.Allowance, 9)));
        Assert.Equal("较5月31日已报送的14家增加26家，超过按历史进度和计划进度估计的3倍（可接受增幅12家）", finding.Reason);
    }

    [Fact]
    public void Check_WhenDrop_SaysByHowMuch()
    {
        var finding = Check("hi-tech", "360702", Steady, "2025-06-30", 2, correction: true)!;
        Assert.Equal((QualityIssue.Drop, -12.0, 4.0), (finding.Issue, finding.Change, finding.Allowance));
        Assert.Equal("较5月31日已报送的14家下降12家，超过年度任务40家的10%", finding.Reason);
    }

    [Theory]
    [InlineData(2.0, 0.25, 0.1, 24, null)] // k = 2: allowance max(8, 10) = 10
    [InlineData(2.0, 0.25, 0.1, 24.5, QualityIssue.Jump)] // (k = 3 would allow 12)
    [InlineData(5.0, 0.25, 0.1, 26.5, null)]
    [InlineData(5.0, 0.25, 0.1, 34.5, QualityIssue.Jump)] // k = 5: allowance 20
    [InlineData(3.0, 0.5, 0.1, 33.5, null)] // share 50%: floor 20
    [InlineData(3.0, 0.5, 0.1, 34.5, QualityIssue.Jump)]
    public void Check_WhenSettingsOverridden_UsesThem(double k, double share, double drop, double value, QualityIssue? expected)
    {
        var t = Plan.FindTarget("hi-tech")!;
        var finding = DataQuality.Check(t, t.AssignmentFor("360702")!, History(Steady), Fx.R("2025-06-30", value), new DataQualitySettings(k, share, drop));
        Assert.Equal(expected, finding?.Issue);
    }

    [Theory]
    [InlineData("2025-06-30", "2025-06-30 20:00", false, true)] // replaces it (same date, later)
    [InlineData("2025-07-31", "2025-07-31 20:00", true, true)] // a correction dated later
    [InlineData("2025-06-30", "2025-06-30 20:00", true, true)]
    [InlineData("2025-07-31", "2025-07-31 20:00", false, false)] // an ordinary later report does not settle it
    [InlineData("2025-06-15", "2025-07-01 20:00", true, false)] // a correction of an earlier date does not
    [InlineData("2025-06-30", "2025-06-30 17:00", false, false)] // received before it
    public void Settles_WhenLaterReport_SettlesOnlyReplacementsAndLaterCorrections(string asOf, string received, bool correction, bool expected)
    {
        var flagged = Fx.R("2025-06-30", 40, Alerts.AlertFx.T("2025-06-30 18:00"), id: "flagged") with { AwaitingReview = true };
        var later = Fx.R(asOf, 20, Alerts.AlertFx.T(received), correction);
        Assert.Equal(expected, DataQuality.Settles(later, flagged));
        Assert.False(DataQuality.Settles(flagged, flagged));
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)] // the newest report is 待核实
    [InlineData(false, true, false)] // an older one is: the judgement rests on the newest
    public void Evaluate_WhenNewestReportAwaitsReview_SaysSo(bool newestPending, bool olderPending, bool expected)
    {
        var reports = new[]
        {
            Fx.R("2025-05-31", 14) with { AwaitingReview = olderPending },
            Fx.R("2025-06-30", 20) with { AwaitingReview = newestPending },
        };
        Assert.Equal(expected, Fx.Eval(Plan, "hi-tech", "360702", Fx.At(2025, 7, 2), reports).AwaitingReview);
    }

    [Theory]
    [InlineData(3, 0.25, 0.1, null)]
    [InlineData(1, 0.25, 0.1, "jumpFactor")]
    [InlineData(3, 0, 0.1, "jumpShare")]
    [InlineData(3, 1.5, 0.1, "jumpShare")]
    [InlineData(3, 0.25, 0, "dropShare")]
    [InlineData(3, 0.25, double.NaN, "dropShare")]
    public void Validate_WhenSettingOutOfRange_NamesIt(double k, double share, double drop, string? field)
    {
        var errors = new DataQualitySettings(k, share, drop).Validate();
        Assert.Equal(field is null ? [] : [field], errors.Select(e => e.Field));
    }
}
