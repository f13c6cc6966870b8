using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class OtherKindsEvaluationTests
{
    private static readonly Planning.PlanDocument Plan = PlanJson.Load();

    [Fact]
    public void Evaluate_Ratio_JudgesNewestValueAgainstFlatTarget()
    {
        // rd-intensity 360702: hold 2.5%, thresholds yellow 10, red 30.
        var reports = new[] { Fx.R("2025-03-31", 2.0, numerator: 20, denominator: 1000), Fx.R("2025-06-30", 2.4, numerator: 24, denominator: 1000) };
        var e = Fx.Eval(Plan, "rd-intensity", "360702", Fx.At("2025-07-01"), reports);
        Assert.Equal(2.4, e.Actual);
        Assert.Equal(2.5, e.Expected);
        Assert.Equal(1, e.ScheduleRate);
        Assert.Equal(0.96, e.CompletionRate, Fx.Tol);
        Assert.Equal(-4, e.GapPoints, 1e-6);
        Assert.Equal(Light.Green, e.Light);
        Assert.Equal(24, e.Numerator);
        Assert.Equal(1000, e.Denominator);
        Assert.Null(e.RequiredPerMonth);
    }

    [Fact]
    public void Evaluate_Ratio_ForecastBandNarrowsOverTheYear()
    {
        var e = Fx.Eval(Plan, "rd-intensity", "360702", Fx.At("2025-07-01"), [Fx.R("2025-06-30", 2.4, numerator: 24, denominator: 1000)]);
        var band = 0.05 * (1 - (182.0 / 365));
        Assert.Equal(2.4, e.Forecast!.Value);
        Assert.Equal(2.4 * (1 - band), e.Forecast.Low, Fx.Tol);
        Assert.Equal(2.4 * (1 + band), e.Forecast.High, Fx.Tol);
        Assert.True(e.WillMiss);
        var yearEnd = Fx.Eval(Plan, "rd-intensity", "360702", Fx.At("2025-12-31", 20), [Fx.R("2025-12-31", 2.4, numerator: 24, denominator: 1000)]);
        Assert.Equal(new Forecast(2.4, 2.4, 2.4), yearEnd.Forecast);
    }

    [Fact]
    public void Evaluate_RatioAboveTarget_DoesNotMiss()
    {
        var e = Fx.Eval(Plan, "rd-intensity", "360702", Fx.At("2025-07-01"), [Fx.R("2025-06-30", 2.6, numerator: 26, denominator: 1000)]);
        Assert.False(e.WillMiss);
        Assert.Equal(4, e.GapPoints, 1e-6);
    }

    [Theory]
    [InlineData(2.2, Light.Red, Light.Yellow)]
    [InlineData(1.7, Light.Green, Light.Red)]
    [InlineData(2.3, Light.Yellow, Light.Yellow)]
    [InlineData(2.31, Light.Yellow, Light.Green)]
    public void Evaluate_Ratio_UsesHysteresis(double value, Light previous, Light expected)
    {
        // gap = (value / 2.5 − 1) × 100: 2.2 → −12, 1.7 → −32, 2.3 → −8 (not past −8), 2.31 → −7.6.
        var e = Fx.Eval(Plan, "rd-intensity", "360702", Fx.At("2025-07-01"), [Fx.R("2025-06-30", value, numerator: value * 10, denominator: 1000)], previous);
        Assert.Equal(expected, e.Light);
    }

    [Fact]
    public void Evaluate_RatioNeverReported_IsGreyNotRed()
    {
        // An unreleased statistic is nothing to judge (未报送 flags it), not a 0% that is red all year.
        var e = Fx.Eval(Plan, "rd-intensity", "360702", Fx.At("2025-01-01"));
        Assert.Equal(Light.Grey, e.Light);
        Assert.Equal(-100, e.GapPoints);
        Assert.Null(e.Forecast);
        Assert.False(e.WillMiss);
    }

    [Fact]
    public void Evaluate_RankNotReported_IsGreyWithZeros()
    {
        var e = Fx.Eval(Plan, "award-rank", "city", Fx.At("2025-07-01"));
        Assert.Equal(Light.Grey, e.Light);
        Assert.Equal((0.0, 0.0, 0.0, 0.0), (e.Actual, e.CompletionRate, e.ScheduleRate, e.GapPoints));
        Assert.Null(e.Forecast);
        Assert.Null(e.ReportedAsOf);
    }

    [Theory]
    [InlineData(1, Light.Green, 3.0, 200.0)]
    [InlineData(3, Light.Green, 1.0, 0.0)]
    [InlineData(4, Light.Yellow, 0.75, -25.0)]
    [InlineData(5, Light.Yellow, 0.6, -40.0)]
    [InlineData(6, Light.Red, 0.5, -50.0)]
    public void Evaluate_Rank_LowerIsBetter(double place, Light light, double cr, double gap)
    {
        var e = Fx.Eval(Plan, "award-rank", "city", Fx.At("2025-07-01"), [Fx.R("2025-06-30", place)], Light.Red);
        Assert.Equal(light, e.Light);
        Assert.Equal(place, e.Actual);
        Assert.Equal(1, e.ScheduleRate);
        Assert.Equal(cr, e.CompletionRate, Fx.Tol);
        Assert.Equal(gap, e.GapPoints, 1e-6);
        Assert.Null(e.Forecast);
        Assert.False(e.WillMiss);
    }

    [Theory]
    // milestones m1 Mar 31, m2 Sep 30, m3 Dec 31 (monthly); date, milestones done, the newest report's AsOf (empty: no
    // report), light, DaysOverdue. Issue 17: the light counts from the report deadline — a milestone done on its due date
    // is reported with that month's figure, released on the 10th, + 5 grace days: m1 by 15 Apr, m2 by 15 Oct, m3 in
    // January. With a report dated on or after the due date that does not count it done: yellow past the deadline, red
    // beyond 15 days past it. With no report since the due date (未报送 flags that): green until it would have been red,
    // then yellow at most. DaysOverdue (the alert's figure) still counts from the due date. (Before: yellow from 1 Apr,
    // red from 16 Apr, whatever was reported.)
    [InlineData("2025-03-30", 0, "", Light.Grey, 0)]
    [InlineData("2025-03-31", 0, "", Light.Green, 0)]
    [InlineData("2025-04-01", 0, "2025-03-31", Light.Green, 1)]
    [InlineData("2025-04-15", 0, "2025-03-31", Light.Green, 15)]
    [InlineData("2025-04-16", 0, "2025-03-31", Light.Yellow, 16)]
    [InlineData("2025-04-30", 0, "2025-03-31", Light.Yellow, 30)]
    [InlineData("2025-05-01", 0, "2025-03-31", Light.Red, 31)]
    [InlineData("2025-04-16", 0, "", Light.Green, 16)]
    [InlineData("2025-04-30", 0, "2025-03-20", Light.Green, 30)] // dated before the due date: no evidence yet
    [InlineData("2025-05-01", 0, "", Light.Yellow, 31)]
    [InlineData("2025-08-01", 0, "", Light.Yellow, 123)]
    [InlineData("2025-04-16", 1, "2025-01-02", Light.Green, 0)]
    [InlineData("2025-03-30", 1, "2025-01-02", Light.Green, 0)]
    [InlineData("2025-10-01", 1, "2025-09-30", Light.Green, 1)]
    [InlineData("2025-10-16", 1, "2025-09-30", Light.Yellow, 16)]
    [InlineData("2025-10-16", 1, "2025-01-02", Light.Green, 16)]
    [InlineData("2025-12-31", 3, "2025-01-02", Light.Green, 0)]
    [InlineData("2025-12-31", 2, "2025-01-02", Light.Green, 0)]
    // The year is over (31 December 24:00, the year-end pack; the wall in January): a milestone not reported done is not
    // green, though December's figure is not due before mid-January (the year-end pack showed 3 of 4 such tasks 绿).
    [InlineData("2025-12-31", 2, "2025-12-31", Light.Yellow, 0, 24)]
    [InlineData("2025-12-31", 2, "2025-01-02", Light.Yellow, 0, 24)]
    [InlineData("2025-12-31", 1, "2025-12-31", Light.Red, 92, 24)] // m2 (30 Sep) reported not done: red, as before
    [InlineData("2025-12-31", 0, "", Light.Yellow, 275, 24)]
    [InlineData("2025-12-31", 3, "2025-12-31", Light.Green, 0, 24)]
    [InlineData("2026-01-20", 2, "2025-12-31", Light.Yellow, 0)]
    public void Evaluate_Milestone_LightFollowsDaysPastTheReportDeadline(string date, int done, string asOf, Light light, int overdue, int hour = 20)
    {
        ReportEntry[] reports = asOf.Length > 0 ? [Fx.R(asOf, done)] : [];
        var e = Fx.Eval(Plan, "lab", "city", Fx.At(date, hour), reports);
        Assert.Equal(light, e.Light);
        Assert.Equal(overdue, e.DaysOverdue);
        Assert.Equal(3, e.AnnualTarget);
        Assert.Equal(done, e.Actual);
    }

    [Theory]
    [InlineData("2025-03-31", "2025-03-31", null)]
    // Green beside an overdue node (and its 节点逾期 督办) says why.
    [InlineData("2025-04-10", "2025-03-31", "第1个节点期限3月31日，完成情况随当期数据报送，宽限至4月15日，此前不判黄（节点逾期督办自期限次日起计）。")]
    [InlineData("2025-04-20", "2025-03-31", "第1个节点期限3月31日，截至3月31日的报送仍未完成，已过报送宽限4月15日共5天（超过15天判红）。")]
    [InlineData("2025-04-20", "2025-03-20", "第1个节点期限3月31日，其后尚无报送（未报送另行标记），报送宽限4月15日后15天内不因缺报判黄（节点逾期督办自期限次日起计）。")]
    [InlineData("2025-05-01", "2025-03-20", "第1个节点期限3月31日，已过报送宽限4月15日共16天仍无其后报送，判黄（缺报本身不判红）。")]
    public void Evaluate_Milestone_ExplainsTheReportDeadline(string date, string asOf, string? explanation)
    {
        // A report with nothing done yet, dated asOf; on 20 Apr a 20 Mar figure also makes the unit 未报送 (March's figure
        // was due 15 Apr), whose own sentence follows.
        var e = Fx.Eval(Plan, "lab", "city", Fx.At(date, 20), [Fx.R(asOf, 0)]);
        Assert.Equal(explanation, e.NotReported ? e.Explanation?[..e.Explanation.IndexOf('。', StringComparison.Ordinal)] + "。" : e.Explanation);
        Assert.Equal(explanation is null ? null : LightBasis.Milestone, e.ExplanationCode);
    }

    [Fact]
    public void Evaluate_Milestone_AtYearEnd_SaysWhyNotGreen()
    {
        var e = Fx.Eval(Plan, "lab", "city", Fx.At("2025-12-31", 24), [Fx.R("2025-12-31", 2)], Light.Green);
        Assert.Equal(Light.Yellow, e.Light);
        Assert.Equal("年度已结束，第3个节点（期限12月31日）仍未报完成，不再判绿。", e.Explanation);
        Assert.Equal(LightBasis.YearOver, e.ExplanationCode);
    }

    [Fact]
    public void Evaluate_Milestone_RatesAreCounts()
    {
        var e = Fx.Eval(Plan, "lab", "city", Fx.At("2025-10-01"), [Fx.R("2025-04-01", 1)]);
        Assert.Equal(2, e.Expected);
        Assert.Equal(1.0 / 3, e.CompletionRate, Fx.Tol);
        Assert.Equal(2.0 / 3, e.ScheduleRate, Fx.Tol);
        Assert.Equal(-100.0 / 3, e.GapPoints, 1e-6);
        Assert.Null(e.Forecast);
        Assert.Null(e.RequiredPerMonth);
    }

    [Theory]
    // 未报送 follows the release calendar (issue 17): the first figure of the year is due on its release date plus the 5
    // grace days. hi-tech monthly: January's figure on 10 Feb → 15 Feb; batches weekly: the week to 7 Jan on 10 Jan →
    // 15 Jan; jbgs quarterly: Q1 on 15 Apr → 20 Apr; award-rank annual: 2025's figure on 31 Jan 2026, never in the year.
    [InlineData("hi-tech", "360702", "2025-02-06", false)]
    [InlineData("hi-tech", "360702", "2025-02-15", false)]
    [InlineData("hi-tech", "360702", "2025-02-16", true)]
    [InlineData("batches", "city", "2025-01-13", false)]
    [InlineData("batches", "city", "2025-01-15", false)]
    [InlineData("batches", "city", "2025-01-16", true)]
    [InlineData("jbgs", "city", "2025-04-08", false)]
    [InlineData("jbgs", "city", "2025-04-20", false)]
    [InlineData("jbgs", "city", "2025-04-21", true)]
    [InlineData("award-rank", "city", "2025-12-31", false)]
    public void Evaluate_NeverReported_NotReportedAfterFirstReleasePlusGrace(string target, string unit, string date, bool expected)
    {
        Assert.Equal(expected, Fx.Eval(Plan, target, unit, Fx.At(date)).NotReported);
    }

    [Theory]
    // 30 Jun reported: July's figure is released on 10 Aug, so the unit is not 未报送 on 6 Aug (36 days, the old cycle
    // rule flagged it) and is from 16 Aug.
    [InlineData("2025-08-06", false)]
    [InlineData("2025-08-15", false)]
    [InlineData("2025-08-16", true)]
    public void Evaluate_NotReported_CountsFromTheFigureAfterTheNewestReportAsOf(string date, bool expected)
    {
        Assert.Equal(expected, Fx.Eval(Plan, "hi-tech", "360702", Fx.At(date), [Fx.R("2025-06-30", 20)]).NotReported);
    }

    [Theory]
    // Grace 0: January's figure is 未报送 the day after its release on 10 Feb.
    [InlineData("2025-02-10", false)]
    [InlineData("2025-02-11", true)]
    public void Evaluate_NotReported_UsesPlanGraceDays(string date, bool expected)
    {
        var plan = Fx.Plan(j => j.Set("graceDays", "0"));
        Assert.Equal(expected, Fx.Eval(plan, "hi-tech", "360702", Fx.At(date)).NotReported);
    }

    [Fact]
    public void Evaluate_RedAndNotReported_AreIndependent()
    {
        // 1 of the 16 家 owed at 31 May is red at its own date; on 1 Sep it is also 未报送.
        var e = Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-09-01"), [Fx.R("2025-05-31", 1)]);
        Assert.Equal(Light.Red, e.Light);
        Assert.True(e.NotReported);
    }

    [Fact]
    public void Evaluate_NotReported_NeverMakesALightRedByItself()
    {
        // Issue 17: 10 of the 9 家 owed at 31 Mar is green at its date; on 1 Sep (two figures overdue) it is judged at
        // 31 Jul (58% owed), at most yellow from the missing figures alone (it used to be red).
        var e = Fx.Eval(Plan, "hi-tech", "360702", Fx.At("2025-09-01"), [Fx.R("2025-03-31", 10)]);
        Assert.Equal(Light.Yellow, e.Light);
        Assert.True(e.NotReported);
        Assert.Equal(Fx.D("2025-07-31"), e.ScheduleDate);
        Assert.Contains("4月数据5月10日发布，宽限5天至5月15日仍未报送，另行标记未报送，缺报本身不判红。", e.Explanation);
        Assert.Equal(LightBasis.NotReported, e.ExplanationCode);
    }
}
