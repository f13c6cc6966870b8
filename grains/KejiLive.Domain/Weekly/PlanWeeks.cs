using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Weekly;

/// <summary>Which ISO weeks belong to a plan year and at which instants a week's pack judges.</summary>
/// <remarks>A week belongs to the plan when any of its days lies in the plan year, so the weeks that straddle New Year
/// count too (for 2025: 2025-W01, which starts on 2024-12-30, through 2026-W01, which ends on 2026-01-04). Judging is
/// clamped to the plan year: a pack judges at the end of its Sunday (24:00 Asia/Shanghai) or at the end of 31 December,
/// whichever is first, and compares with the end of the previous week, or with 1 January 00:00 for the first week
/// (nothing reported, nothing due). A week that has not ended yet judges at "now" and is a preview.</remarks>
public static class PlanWeeks
{
    /// <summary>True when any day of <paramref name="week"/> lies in the plan year.</summary>
    public static bool Contains(PlanDocument plan, IsoWeek week) =>
        week.Sunday.Year >= plan.Year && week.Monday.Year <= plan.Year;

    /// <summary>Every week of the plan, in order.</summary>
    public static IReadOnlyList<IsoWeek> All(PlanDocument plan)
    {
        var list = new List<IsoWeek>();
        for (var w = IsoWeek.Of(new DateOnly(plan.Year, 1, 1)); Contains(plan, w); w = w.Next) list.Add(w);
        return list;
    }

    /// <summary>The first instant of the plan year (1 January 00:00 Asia/Shanghai).</summary>
    public static DateTimeOffset PlanStart(PlanDocument plan) => ShanghaiTime.StartOf(new DateOnly(plan.Year, 1, 1));

    /// <summary>The last instant of the plan year (31 December 24:00 Asia/Shanghai, less one tick).</summary>
    public static DateTimeOffset PlanEnd(PlanDocument plan) => ShanghaiTime.StartOf(new DateOnly(plan.Year + 1, 1, 1)).AddTicks(-1);

    /// <summary>The instant a full week is judged at: its Sunday 24:00 (less one tick, so the judged day is the Sunday),
    /// clamped to the plan year.</summary>
    public static DateTimeOffset End(PlanDocument plan, IsoWeek week)
    {
        var end = ShanghaiTime.StartOf(week.Sunday.AddDays(1)).AddTicks(-1);
        var planEnd = PlanEnd(plan);
        return end < planEnd ? end : planEnd;
    }

    /// <summary>The instant the week is compared with: the end of the previous week, not before the plan year starts.</summary>
    public static DateTimeOffset PreviousEnd(PlanDocument plan, IsoWeek week)
    {
        var end = ShanghaiTime.StartOf(week.Monday).AddTicks(-1);
        var start = PlanStart(plan);
        return end < start ? start : end;
    }

    /// <summary>The cut-off of a pack made at <paramref name="now"/>: the week's end, or now while the week runs.</summary>
    public static DateTimeOffset CutOff(PlanDocument plan, IsoWeek week, DateTimeOffset now)
    {
        var end = End(plan, week);
        return now < end ? now : end;
    }

    /// <summary>True once the week (clamped to the plan year) has ended at <paramref name="now"/>.</summary>
    public static bool HasEnded(PlanDocument plan, IsoWeek week, DateTimeOffset now) => now >= End(plan, week);

    /// <summary>True once the week (clamped to the plan year) has started at <paramref name="now"/>.</summary>
    public static bool HasStarted(PlanDocument plan, IsoWeek week, DateTimeOffset now)
    {
        var start = ShanghaiTime.StartOf(week.Monday);
        var planStart = PlanStart(plan);
        return now >= (start > planStart ? start : planStart);
    }
}
