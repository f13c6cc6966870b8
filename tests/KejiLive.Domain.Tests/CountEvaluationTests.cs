using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class CountEvaluationTests
{
    // hi-tech / 360702: target 40, linear curve, thresholds yellow 5, red 30, hysteresis 2; monthly reporting.
    private static readonly Planning.PlanDocument Plan = PlanJson.Load();

    [Fact]
    public void Evaluate_CountWithReport_ComputesRatesAndGap()
    {
        var e = Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-07-01"), [Fx.R("2025-06-30", 20)]);
        var s = 181.0 / 365; // 序时进度 at the figure's date, 30 Jun (截至数据日期), not at 1 Jul
        Assert.Equal(Fx.D("2025-07-01"), e.Date);
        Assert.Equal(Fx.D("2025-06-30"), e.ScheduleDate);
        Assert.Equal(40, e.AnnualTarget);
        Assert.Equal(20, e.Actual);
        Assert.Equal(40 * s, e.Expected, Fx.Tol);
        Assert.Equal(0.5, e.CompletionRate, Fx.Tol);
        Assert.Equal(s, e.ScheduleRate, Fx.Tol);
        Assert.Equal((0.5 - s) * 100, e.GapPoints, Fx.Tol);
        Assert.Equal(Light.Green, e.Light);
        Assert.Equal(Fx.D("2025-06-30"), e.ReportedAsOf);
        Assert.Null(e.Stretch);
        Assert.Null(e.Numerator);
        Assert.Equal(0, e.DaysOverdue);
    }

    [Theory]
    [InlineData("2025-01-01")]
    [InlineData("2025-01-19")]
    [InlineData("2025-04-20")]
    [InlineData("2025-12-31")]
    public void Evaluate_TargetWithNoReports_IsNothingToJudgeYet_NotZeroProgress(string date)
    {
        // Issue 17: a unit with no report is grey (nothing to judge yet); 未报送 shows on its own. It used to turn yellow
        // on 19 Jan and red on 20 Apr as if it had done nothing.
        var e = Fx.Eval(Plan, "hi-tech", "360702", Fx.At(date));
        Assert.Equal(Light.Grey, e.Light);
        Assert.Contains("尚无报送", e.Explanation);
        Assert.Equal(0, e.Actual);
        Assert.Null(e.ReportedAsOf);
        Assert.Null(e.Forecast);
        Assert.False(e.WillMiss);
    }

    [Fact]
    public void Evaluate_WithNoReportsAndPreviousRed_IsGrey()
    {
        Assert.Equal(Light.Grey, Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-02-01"), previous: Light.Red).Light);
    }

    [Fact]
    public void Evaluate_ReportReceivedAfterNow_IsIgnored()
    {
        var late = Fx.R("2025-06-30", 20, receivedAt: Fx.At("2025-07-02"));
        var e = Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-07-01"), [Fx.R("2025-05-31", 10), late]);
        Assert.Equal(10, e.Actual);
        Assert.Equal(Fx.D("2025-05-31"), e.ReportedAsOf);
    }

    [Fact]
    public void Evaluate_ReportValidAfterJudgedDate_IsIgnoredWhenRejudgingThePast()
    {
        var reports = new[] { Fx.R("2025-05-31", 10), Fx.R("2025-06-30", 20) };
        var lastWeek = Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-06-20"), reports);
        Assert.Equal(10, lastWeek.Actual);
        Assert.Equal(20, Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-07-01"), reports).Actual);
    }

    [Fact]
    public void Evaluate_Correction_ReplacesValueForItsDateAndKeepsHistoryForEarlierInstants()
    {
        var reports = new[]
        {
            Fx.R("2025-06-30", 20, receivedAt: Fx.At("2025-07-01", 9)),
            Fx.R("2025-06-30", 15, receivedAt: Fx.At("2025-07-03", 9), correction: true),
        };
        Assert.Equal(15, Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-07-05"), reports).Actual);
        Assert.Equal(20, Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-07-02"), reports).Actual);
    }

    [Fact]
    public void Evaluate_SameReceivedAt_LaterInListWins()
    {
        var at = Fx.At("2025-07-01", 9);
        var reports = new[] { Fx.R("2025-06-30", 20, receivedAt: at), Fx.R("2025-06-30", 18, receivedAt: at) };
        Assert.Equal(18, Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-07-05"), reports).Actual);
    }

    [Fact]
    public void Evaluate_ActualIsValueAtGreatestAsOf_EvenIfReceivedEarlier()
    {
        var reports = new[]
        {
            Fx.R("2025-06-30", 20, receivedAt: Fx.At("2025-07-01")),
            Fx.R("2025-05-31", 12, receivedAt: Fx.At("2025-07-02")),
        };
        var e = Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-07-05"), reports);
        Assert.Equal(20, e.Actual);
        Assert.Equal(Fx.D("2025-06-30"), e.ReportedAsOf);
    }

    [Fact]
    public void Evaluate_ScheduleStepTarget_JudgesAgainstTheStep()
    {
        // batches: 10 for city, 20% by Mar 31, 50% by Sep 30.
        var e = Fx.Eval(Plan, "batches", "city", Fx.At("2025-04-01"), [Fx.R("2025-03-31", 1)]);
        Assert.Equal(2, e.Expected, Fx.Tol);
        Assert.Equal(0.2, e.ScheduleRate, Fx.Tol);
        Assert.Equal(-10, e.GapPoints, Fx.Tol);
        Assert.Equal(Light.Yellow, e.Light);
    }

    [Fact]
    public void Evaluate_RangeOwner_StretchIsCityStretch()
    {
        var e = Fx.Eval(Plan, "jbgs", "city", Fx.At("2025-06-30", 20), [Fx.R("2025-06-30", 3)]);
        Assert.Equal(6, e.AnnualTarget);
        Assert.Equal(10, e.Stretch);
        Assert.Equal(0.5, e.CompletionRate, Fx.Tol);
        Assert.Equal(0.4, e.ScheduleRate, Fx.Tol);
        Assert.Equal(10, e.GapPoints, Fx.Tol);
        Assert.Equal(Light.Green, e.Light);
    }

    [Fact]
    public void Evaluate_RangeSplit_StretchIsUnitShareOfStretch()
    {
        var plan = Fx.Plan(j => j.Set("targets[2].owner", null)
            .Set("targets[2].split", "[{\"unit\":\"360702\",\"target\":4},{\"unit\":\"360703\",\"target\":2}]"));
        Assert.Equal(10.0 * 4 / 6, Fx.Eval(plan, "jbgs", "360702", Fx.At("2025-07-01")).Stretch!.Value, Fx.Tol);
        Assert.Equal(10.0 * 2 / 6, Fx.Eval(plan, "jbgs", "360703", Fx.At("2025-07-01")).Stretch!.Value, Fx.Tol);
    }

    [Fact]
    public void Evaluate_Growth_UsesDerivedTargetAndBaselineCurve()
    {
        // 360702: baseline total 100 → target 108; by Jun 30 last year 30% was done.
        var e = Fx.Eval(Plan, "rd-growth", "360702", Fx.At("2025-07-01"), [Fx.R("2025-06-30", 40)]);
        Assert.Equal(108, e.AnnualTarget, Fx.Tol);
        Assert.Equal(0.3, e.ScheduleRate, Fx.Tol);
        Assert.Equal(32.4, e.Expected, Fx.Tol);
        Assert.Equal(40.0 / 108, e.CompletionRate, Fx.Tol);
        Assert.Equal(((40.0 / 108) - 0.3) * 100, e.GapPoints, Fx.Tol);
        Assert.Equal(Light.Green, e.Light);
    }

    [Fact]
    public void Evaluate_Growth_BeforeFirstBaselineDateWithNoReport_IsGrey()
    {
        Assert.Equal(Light.Grey, Fx.Eval(Plan, "rd-growth", "360702", Fx.At("2025-03-30")).Light);
        // Issue 17: without a report there is nothing to judge, also once the first baseline date has passed.
        Assert.Equal(Light.Grey, Fx.Eval(Plan, "rd-growth", "360702", Fx.At("2025-07-31")).Light);
    }

    [Fact]
    public void Evaluate_WillMissAfterMidYear_IsRedEvenWhenGapIsOnlyYellow()
    {
        // Two figures: "will miss" needs at least two (issue 17), and the whole forecast range misses 40 by more than 5%.
        var e = Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-10-01"), [Fx.R("2025-06-30", 15), Fx.R("2025-09-30", 20)]);
        Assert.InRange(e.GapPoints, -30, -5);
        Assert.True(e.Forecast!.High < 40 * 0.95);
        Assert.True(e.WillMiss);
        Assert.True(e.ScheduleRate >= 0.5);
        Assert.Equal(Light.Red, e.Light);
    }

    [Fact]
    public void Evaluate_OneFigure_IsNotEnoughDataForWillMiss_KeepsGapLight()
    {
        // Issue 17: one early figure of 0 no longer says "will miss" (it did, from a forecast on one figure).
        var e = Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-03-01"), [Fx.R("2025-02-28", 0)]);
        Assert.False(e.WillMiss);
        Assert.Equal(Light.Yellow, e.Light);
    }

    [Theory]
    [InlineData("2025-07-01", 20, 20.0 / 183 * 30)]
    [InlineData("2025-12-30", 20, 20.0 / 1 * 30)]
    [InlineData("2025-12-31", 20, 20.0 / 1 * 30)]
    [InlineData("2025-01-01", 0, 40.0 / 364 * 30)]
    public void Evaluate_RequiredPerMonth_IsRemainingOverDaysLeftTimes30(string date, double actual, double expected)
    {
        var e = Fx.Eval(Plan, "hi-tech", "360702", Fx.At(date), [Fx.R("2025-01-01", actual)]);
        Assert.Equal(expected, e.RequiredPerMonth!.Value, Fx.Tol);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(45)]
    public void Evaluate_RequiredPerMonth_WhenTargetReached_IsNull(double actual)
    {
        Assert.Null(Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-07-01"), [Fx.R("2025-06-30", actual)]).RequiredPerMonth);
    }

    [Fact]
    public void Evaluate_HysteresisSequence_ImprovesOnlyPastMargin()
    {
        // hi-tech 360702 thresholds yellow 5, red 30, hysteresis 2; the 14 Mar figure is judged at its date: s = 73/365,
        // exactly 8 of 40 家 (a whole number, so the whole-item reading of the plan changes nothing here).
        var s = 73.0 / 365;
        var now = Fx.At("2025-03-15");
        Light Step(double gap, Light previous) =>
            Fx.Eval(Plan, "hi-tech", "360702", now, [Fx.R("2025-03-14", (s + (gap / 100)) * 40)], previous).Light;
        var light = Step(-6, Light.Grey);
        Assert.Equal(Light.Yellow, light);
        light = Step(-4, light);
        Assert.Equal(Light.Yellow, light);
        light = Step(-2.9, light);
        Assert.Equal(Light.Green, light);
        light = Step(-31, light);
        Assert.Equal(Light.Red, light);
        light = Step(-29, light);
        Assert.Equal(Light.Red, light);
        light = Step(-27.5, light);
        Assert.Equal(Light.Yellow, light);
        light = Step(-2, Light.Red);
        Assert.Equal(Light.Green, light);
    }

    // 截至数据日期，完成序时进度: a figure is judged against the curve at its own date (its AsOf) while the unit is not
    // 未报送 (the next figure's release date + 5 grace days passed: weekly 3 days after the week, monthly on the 10th of
    // the next month) and while only that one figure is overdue (issue 17: 未报送 shows on its own and does not move the
    // light); once a second figure is overdue, against the newest overdue figure's date; with no report, today. batches (city 10; step 20% from 31 Mar, 50% from 30 Sep; weekly; yellow 10, red 30) and hi-tech
    // 360702 (40, linear, monthly; yellow 5, red 30). Reports are "asOf=value" separated by ';'.
    [Theory]
    // On plan at its data date the day after a step: stays green (judged at today it was red: 20% vs 50%).
    [InlineData("batches", "city", "2025-09-26=2", "2025-10-01", "2025-09-26", 0.2, Light.Green, false)]
    // The step's own figure arrives: judged at 30 Sep, on plan or far behind.
    [InlineData("batches", "city", "2025-09-26=2;2025-09-30=5", "2025-10-03", "2025-09-30", 0.5, Light.Green, false)]
    [InlineData("batches", "city", "2025-09-26=2;2025-09-30=2", "2025-10-03", "2025-09-30", 0.5, Light.Red, false)]
    // Last day before 未报送 (the week to 30 Sep is released on 3 Oct, + 5 grace days): still its data date; the next
    // day it is overdue and flagged, still
    // judged at its data date (issue 17: it used to turn red the day it became 未报送).
    [InlineData("batches", "city", "2025-09-26=2", "2025-10-08", "2025-09-26", 0.2, Light.Green, false)]
    [InlineData("batches", "city", "2025-09-26=2", "2025-10-09", "2025-09-26", 0.2, Light.Green, true)]
    // No report at all: the plan as due today, but grey (issue 17: nothing to judge yet; it was red).
    [InlineData("batches", "city", "", "2025-10-01", "2025-10-01", 0.5, Light.Grey, true)]
    [InlineData("hi-tech", "360702", "", "2025-07-01", "2025-07-01", 182.0 / 365, Light.Grey, true)]
    // Linear: 20 of 40 at 30 Jun is on plan at its date; July's figure is released on 10 Aug, so the unit is not 未报送
    // on 6 Aug (the old 31 + 5 day rule flagged it) and is from 16 Aug, still judged at 30 Jun.
    [InlineData("hi-tech", "360702", "2025-06-30=20", "2025-07-20", "2025-06-30", 181.0 / 365, Light.Green, false)]
    [InlineData("hi-tech", "360702", "2025-06-30=20", "2025-08-06", "2025-06-30", 181.0 / 365, Light.Green, false)]
    [InlineData("hi-tech", "360702", "2025-06-30=20", "2025-08-15", "2025-06-30", 181.0 / 365, Light.Green, false)]
    [InlineData("hi-tech", "360702", "2025-06-30=20", "2025-08-16", "2025-06-30", 181.0 / 365, Light.Green, true)]
    // August's figure is overdue from 16 Sep (10 Sep + 5): on 15 Sep only July's is, still judged at 30 Jun; on 16 Sep
    // two are, judged at the newest overdue figure's date (31 Aug), at most yellow from the missing figures alone.
    [InlineData("hi-tech", "360702", "2025-06-30=20", "2025-09-15", "2025-06-30", 181.0 / 365, Light.Green, true)]
    [InlineData("hi-tech", "360702", "2025-06-30=20", "2025-09-16", "2025-08-31", 243.0 / 365, Light.Yellow, true)]
    public void Evaluate_FigureIsJudgedAtItsDataDate_UntilItsUnitIsNotReported(string target, string unit, string reports, string now,
        string scheduleDate, double scheduleRate, Light light, bool notReported)
    {
        var entries = reports.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split('=')).Select(p => Fx.R(p[0], double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var e = Fx.Eval(Plan, target, unit, Fx.At(now), entries);
        Assert.Equal((Fx.D(now), Fx.D(scheduleDate)), (e.Date, e.ScheduleDate));
        Assert.Equal(scheduleRate, e.ScheduleRate, Fx.Tol);
        Assert.Equal(e.ScheduleRate * e.AnnualTarget, e.Expected, Fx.Tol);
        Assert.Equal((e.CompletionRate - e.ScheduleRate) * 100, e.GapPoints, Fx.Tol);
        Assert.Equal((light, notReported), (e.Light, e.NotReported));
    }

    [Fact]
    public void Evaluate_FigureJudgedAtItsDataDate_PaceNeededStillCountsFromTodayAndForecastIsUnchanged()
    {
        // 20 of 40 at 30 Jun, judged on 20 Jul: the 序时进度 is read at 30 Jun; the pace needed spreads the remaining 20
        // over the days left from 20 Jul (164); the forecast extrapolates from the figure's own date, as before.
        var e = Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-07-20"), [Fx.R("2025-06-30", 20)]);
        Assert.Equal(Fx.D("2025-06-30"), e.ScheduleDate);
        Assert.Equal(20.0 / 164 * 30, e.RequiredPerMonth!.Value, Fx.Tol);
        var atItsDate = Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-06-30", 20), [Fx.R("2025-06-30", 20)]);
        Assert.Equal(atItsDate.Forecast, e.Forecast);
    }

    [Theory]
    [InlineData("rd-intensity", "360702")]
    [InlineData("award-rank", "city")]
    [InlineData("lab", "city")]
    public void Evaluate_RatioRankOrMilestone_ReadsTheScheduleAtToday(string target, string unit)
    {
        // A ratio is judged against a flat 100%, a rank has no curve, and a milestone not reported done by its due date is
        // late whatever the date of the last report: all keep the judged date.
        var e = Fx.Eval(Plan, target, unit, Fx.At("2025-10-01"), [Fx.R("2025-09-30", 1, numerator: 1, denominator: 100)]);
        Assert.Equal(Fx.D("2025-10-01"), e.ScheduleDate);
        Assert.Equal(e.Date, e.ScheduleDate);
    }
}
