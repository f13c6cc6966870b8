using System.Collections.Immutable;
using KejiLive.Domain.Planning;

namespace KejiLive.Domain.Alerts;

/// <summary>How alerts open, resolve, escalate, remind and stay quiet. The behind-schedule severities come from the
/// target's <see cref="Thresholds"/> (yellow at yellowPoints, red at redPoints); everything else is here. A plan sets
/// these in a top-level <c>alerts</c> block and may override them per target (silo/plans/README.md).</summary>
/// <param name="MarginPoints">Hysteresis in percentage points around every point threshold (behind, will-miss,
/// falling-fast): a crossing by less than this is marginal (opens only after <paramref name="Pending"/>); an open alert
/// counts as clear only once the value is better than the threshold by more than this. 0 ≤ margin &lt; yellowPoints.</param>
/// <param name="Pending">How long a marginal crossing must persist (within the margin) before the alert opens. &gt; 0.</param>
/// <param name="Hold">How long a point-based condition must stay clear before the alert resolves. &gt; 0.
/// 未报送 and milestone alerts resolve at once (the report or the milestone is the fact, it cannot flap).</param>
/// <param name="FallingFastPoints">N: falling fast when 较序时 worsened by more than N points … (&gt; 0)</param>
/// <param name="FallingFastWeeks">M: … over the last M weeks (whole weeks ≥ 1).</param>
/// <param name="MilestoneOrangeAfterDays">A milestone late more than this many days is orange (up to it yellow); red
/// beyond the target's <see cref="Thresholds.MilestoneRedDays"/>. 0 ≤ this &lt; milestoneRedDays.</param>
/// <param name="AckWorkingDays">An open alert not acknowledged by the end of this many working days after it opened
/// (HolidayCalendar.AddWorkingDays from the Shanghai date it opened) escalates. ≥ 1.</param>
/// <param name="Reminders">Gaps between reminders to the unit while it owes an answer, in order; the last repeats
/// (1 day, 3 days, then weekly). Each &gt; 0, non-decreasing, the last at least 1 day.</param>
/// <param name="QuietFrom">Start of the nightly quiet hours, Asia/Shanghai wall time.</param>
/// <param name="QuietUntil">End of the quiet hours; before <paramref name="QuietFrom"/> means across midnight; equal means none.</param>
/// <param name="MuteNonWorkingDays">Weekends and statutory holidays are muted all day; 调休 workdays are not.</param>
public sealed record AlertSettings(
    double MarginPoints,
    TimeSpan Pending,
    TimeSpan Hold,
    double FallingFastPoints,
    int FallingFastWeeks,
    int MilestoneOrangeAfterDays,
    int AckWorkingDays,
    ImmutableArray<TimeSpan> Reminders,
    TimeOnly QuietFrom,
    TimeOnly QuietUntil,
    bool MuteNonWorkingDays)
{
    /// <summary>Margin 2 pp; pending 2 days; hold 3 days; falling fast &gt; 10 pp in 4 weeks; milestone orange after
    /// 7 days; escalation after 3 working days; reminders 1 day, 3 days, then weekly; quiet 22:00–08:00; weekends and
    /// holidays muted.</summary>
    public static AlertSettings Default { get; } = new(
        MarginPoints: 2,
        Pending: TimeSpan.FromDays(2),
        Hold: TimeSpan.FromDays(3),
        FallingFastPoints: 10,
        FallingFastWeeks: 4,
        MilestoneOrangeAfterDays: 7,
        AckWorkingDays: 3,
        Reminders: [TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(7)],
        QuietFrom: new TimeOnly(22, 0),
        QuietUntil: new TimeOnly(8, 0),
        MuteNonWorkingDays: true);

    /// <summary>Value equality, comparing <see cref="Reminders"/> element by element (an ImmutableArray alone compares by reference).</summary>
    public bool Equals(AlertSettings? other) =>
        other is not null
        && MarginPoints.Equals(other.MarginPoints) && Pending == other.Pending && Hold == other.Hold
        && FallingFastPoints.Equals(other.FallingFastPoints) && FallingFastWeeks == other.FallingFastWeeks
        && MilestoneOrangeAfterDays == other.MilestoneOrangeAfterDays && AckWorkingDays == other.AckWorkingDays
        && (Reminders.IsDefault ? other.Reminders.IsDefault : !other.Reminders.IsDefault && Reminders.SequenceEqual(other.Reminders))
        && QuietFrom == other.QuietFrom && QuietUntil == other.QuietUntil && MuteNonWorkingDays == other.MuteNonWorkingDays;

    public override int GetHashCode() => HashCode.Combine(MarginPoints, Pending, Hold, FallingFastPoints, FallingFastWeeks, AckWorkingDays, QuietFrom, QuietUntil);

    /// <summary>Days of gap history to keep: the falling-fast window plus two weeks of slack.</summary>
    public int HistoryDays => (FallingFastWeeks * 7) + 14;

    /// <summary>The gap before reminder number <paramref name="sent"/> + 1, after <paramref name="sent"/> reminders
    /// (0 → the first gap); past the list the last gap repeats.</summary>
    public TimeSpan ReminderGap(int sent)
    {
        if (Reminders.IsDefaultOrEmpty) return TimeSpan.FromDays(7);
        return Reminders[Math.Clamp(sent, 0, Reminders.Length - 1)];
    }

    /// <summary>Every broken invariant as (field, message), with plan-file field names; empty when valid. Checks against
    /// the target's thresholds: margin below yellowPoints, milestone orange days below milestoneRedDays.</summary>
    public IReadOnlyList<(string Field, string Message)> Validate(Thresholds thresholds)
    {
        var errors = new List<(string, string)>();
        if (!double.IsFinite(MarginPoints) || MarginPoints < 0 || MarginPoints >= thresholds.YellowPoints)
            errors.Add(("marginPoints", $"marginPoints ({Num(MarginPoints)}) must be at least 0 and below yellowPoints ({Num(thresholds.YellowPoints)})"));
        if (Pending <= TimeSpan.Zero) errors.Add(("pendingDays", $"pendingDays must be above 0, not {Num(Pending.TotalDays)}"));
        if (Hold <= TimeSpan.Zero) errors.Add(("holdDays", $"holdDays must be above 0, not {Num(Hold.TotalDays)}"));
        if (!double.IsFinite(FallingFastPoints) || FallingFastPoints <= 0)
            errors.Add(("fallingFastPoints", $"fallingFastPoints must be above 0, not {Num(FallingFastPoints)}"));
        if (FallingFastWeeks < 1) errors.Add(("fallingFastWeeks", $"fallingFastWeeks must be 1 or more, not {FallingFastWeeks}"));
        if (MilestoneOrangeAfterDays < 0 || MilestoneOrangeAfterDays >= thresholds.MilestoneRedDays)
            errors.Add(("milestoneOrangeAfterDays", $"milestoneOrangeAfterDays ({MilestoneOrangeAfterDays}) must be at least 0 and below milestoneRedDays ({thresholds.MilestoneRedDays})"));
        if (AckWorkingDays < 1) errors.Add(("ackWorkingDays", $"ackWorkingDays must be 1 or more, not {AckWorkingDays}"));
        if (Reminders.IsDefaultOrEmpty)
        {
            errors.Add(("reminderDays", "reminderDays needs at least one gap"));
        }
        else
        {
            for (var i = 0; i < Reminders.Length; i++)
            {
                if (Reminders[i] <= TimeSpan.Zero) errors.Add(("reminderDays", $"reminderDays[{i}] must be above 0, not {Num(Reminders[i].TotalDays)}"));
                else if (i > 0 && Reminders[i] < Reminders[i - 1])
                    errors.Add(("reminderDays", $"reminderDays must not decrease (back-off): {Num(Reminders[i].TotalDays)} follows {Num(Reminders[i - 1].TotalDays)}"));
            }
            if (Reminders[^1] < TimeSpan.FromDays(1))
                errors.Add(("reminderDays", $"the last reminder gap repeats forever and must be at least 1 day, not {Num(Reminders[^1].TotalDays)}"));
        }
        return errors;
    }

    private static string Num(double v) => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
