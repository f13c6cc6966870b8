using KejiLive.Domain.Progress;
using KejiLive.Domain.Tests.Support;

namespace KejiLive.Domain.Tests;

public class PlanCurveTests
{
    private static readonly Planning.PlanDocument Plan2025 = PlanJson.Load(2025);
    private static readonly Planning.PlanDocument Plan2024 = PlanJson.Load(2024);

    private static double Share(Planning.PlanDocument plan, string target, string unit, string date)
    {
        var t = plan.FindTarget(target)!;
        return PlanCurve.Share(t, t.AssignmentFor(unit)!, Fx.D(date));
    }

    [Theory]
    [InlineData("2025-01-01", 1.0 / 365)]
    [InlineData("2025-02-28", 59.0 / 365)]
    [InlineData("2025-07-01", 182.0 / 365)]
    [InlineData("2025-12-30", 364.0 / 365)]
    [InlineData("2025-12-31", 1.0)]
    public void LinearShare_In2025_IsDayOfYearOver365(string date, double expected)
    {
        Assert.Equal(expected, Share(Plan2025, "hi-tech", "360702", date), Fx.Tol);
    }

    [Theory]
    [InlineData("2024-01-01", 1.0 / 366)]
    [InlineData("2024-02-29", 60.0 / 366)]
    [InlineData("2024-03-01", 61.0 / 366)]
    [InlineData("2024-12-30", 365.0 / 366)]
    [InlineData("2024-12-31", 1.0)]
    public void LinearShare_InLeapYear_IsDayOfYearOver366(string date, double expected)
    {
        Assert.Equal(expected, Share(Plan2024, "hi-tech", "360702", date), Fx.Tol);
    }

    [Theory]
    [InlineData("2025-01-01", 0)]
    [InlineData("2025-03-30", 0)]
    [InlineData("2025-03-31", 0.2)]
    [InlineData("2025-09-29", 0.2)]
    [InlineData("2025-09-30", 0.5)]
    [InlineData("2025-12-30", 0.5)]
    [InlineData("2025-12-31", 1)]
    public void StepSchedule_HoldsLastPointOnOrBeforeDate(string date, double expected)
    {
        Assert.Equal(expected, Share(Plan2025, "batches", "city", date), Fx.Tol);
    }

    [Theory]
    [InlineData("2025-01-01", 0.4 * 1 / 181)]
    [InlineData("2025-03-01", 0.4 * 60 / 181)]
    [InlineData("2025-06-30", 0.4)]
    [InlineData("2025-07-01", 0.4 + (0.6 * 1 / 184))]
    [InlineData("2025-10-01", 0.4 + (0.6 * 93 / 184))]
    [InlineData("2025-12-31", 1)]
    public void LinearSchedule_InterpolatesFromZeroOnDec31OfPreviousYear(string date, double expected)
    {
        Assert.Equal(expected, Share(Plan2025, "jbgs", "city", date), Fx.Tol);
    }

    [Theory]
    [InlineData("2024-01-01", 0.4 * 1 / 182)]
    [InlineData("2024-06-30", 0.4)]
    [InlineData("2024-07-01", 0.4 + (0.6 * 1 / 184))]
    public void LinearSchedule_InLeapYear_CountsFeb29(string date, double expected)
    {
        Assert.Equal(expected, Share(Plan2024, "jbgs", "city", date), Fx.Tol);
    }

    [Fact]
    public void LinearSchedule_AfterLastPoint_HoldsLastShare()
    {
        var t = PlanJson.Base().Set("targets[2].curve.points[1].date", "\"2025-11-30\"");
        var plan = Planning.PlanLoader.Parse(t.ToJsonString(), PlanJson.File);
        Assert.Equal(1, Share(plan, "jbgs", "city", "2025-12-15"), Fx.Tol);
    }

    [Theory]
    [InlineData("2025-01-01", 0)]
    [InlineData("2025-03-30", 0)]
    [InlineData("2025-03-31", 0.1)]
    [InlineData("2025-06-29", 0.1)]
    [InlineData("2025-06-30", 0.3)]
    [InlineData("2025-12-30", 0.3)]
    [InlineData("2025-12-31", 1)]
    public void BaselineCurve_IsLastYearsSamePeriodShareStepwise(string date, double expected)
    {
        Assert.Equal(expected, Share(Plan2025, "rd-growth", "360702", date), Fx.Tol);
    }

    [Fact]
    public void BaselineCurve_IsPerUnit()
    {
        Assert.Equal(0.4, Share(Plan2025, "rd-growth", "360703", "2025-07-01"), Fx.Tol);
        Assert.Equal(0.3, Share(Plan2025, "rd-growth", "360702", "2025-07-01"), Fx.Tol);
    }

    [Theory]
    [InlineData("2024-02-27", 0)]
    [InlineData("2024-02-28", 0.2)]
    [InlineData("2024-02-29", 0.2)]
    [InlineData("2024-03-01", 0.2)]
    public void BaselineCurve_InLeapYear_MapsFeb29ToFeb28(string date, double expected)
    {
        var json = PlanJson.Base(2024).Set("targets[3].split[0].baseline[0].date", "\"2023-02-28\"").Set("targets[3].split[0].baseline[0].value", "20");
        var plan = Planning.PlanLoader.Parse(json.ToJsonString(), PlanJson.File);
        Assert.Equal(expected, Share(plan, "rd-growth", "360702", date), Fx.Tol);
    }

    [Theory]
    [InlineData("2025-01-01")]
    [InlineData("2025-12-31")]
    public void FlatCurve_IsOneAllYear(string date)
    {
        Assert.Equal(1, Share(Plan2025, "rd-intensity", "360702", date));
        Assert.Equal(1, Share(Plan2025, "award-rank", "city", date));
    }

    [Theory]
    [InlineData("2025-03-30", 0)]
    [InlineData("2025-03-31", 1)]
    [InlineData("2025-09-30", 2)]
    [InlineData("2025-12-31", 3)]
    public void MilestoneCurve_CountsMilestonesDue(string date, int due)
    {
        Assert.Equal(due / 3.0, Share(Plan2025, "lab", "city", date), Fx.Tol);
        Assert.Equal(due, Fx.Eval(Plan2025, "lab", "city", Fx.At(date)).Expected);
    }

    [Theory]
    [InlineData("2025-06-30T15:59:00Z", "2025-06-30")]
    [InlineData("2025-06-30T16:00:00Z", "2025-07-01")]
    [InlineData("2025-06-30T16:30:00Z", "2025-07-01")]
    [InlineData("2024-12-31T15:59:00Z", "2025-01-01")]
    [InlineData("2025-12-31T16:00:00Z", "2025-12-31")]
    [InlineData("2023-05-01T00:00:00Z", "2025-01-01")]
    [InlineData("2026-06-01T00:00:00Z", "2025-12-31")]
    public void JudgedDate_IsShanghaiDateClampedIntoPlanYear(string instant, string expected)
    {
        var now = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(Fx.D(expected), Fx.Eval(Plan2025, "hi-tech", "360702", now).Date);
    }

    [Fact]
    public void Evaluate_NearMidnightUtc_UsesShanghaiDayForScheduleRate()
    {
        var now = DateTimeOffset.Parse("2025-06-30T16:30:00Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(182.0 / 365, Fx.Eval(Plan2025, "hi-tech", "360702", now).ScheduleRate, Fx.Tol);
        Assert.Equal(0.4 + (0.6 / 184), Fx.Eval(Plan2025, "jbgs", "city", now).ScheduleRate, Fx.Tol);
    }
}
