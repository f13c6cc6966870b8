using KejiLive.Domain.Alerts;
using static KejiLive.Domain.Tests.Alerts.AlertFx;

namespace KejiLive.Domain.Tests.Alerts;

/// <summary>How /metrics counts the 督办 backlog: age buckets in plan days, and overdue by the escalation deadlines
/// (3 working days on the 2025 calendar; a promised date is over from 00:00 the day after).</summary>
public class AlertBacklogTests
{
    [Theory]
    [InlineData("2025-07-01 09:00", "2025-07-01 09:00", "0-3d")]
    [InlineData("2025-07-01 09:00", "2025-07-04 08:59", "0-3d")]
    [InlineData("2025-07-01 09:00", "2025-07-04 09:00", "3-7d")]
    [InlineData("2025-07-01 09:00", "2025-07-08 09:00", "7-14d")]
    [InlineData("2025-07-01 09:00", "2025-07-15 09:00", "14-30d")]
    [InlineData("2025-07-01 09:00", "2025-07-31 09:00", "30d+")]
    [InlineData("2025-01-02 09:00", "2025-12-31 09:00", "30d+")]
    [InlineData("2025-07-02 09:00", "2025-07-01 09:00", "0-3d")] // stamped after now: new
    public void AgeBucket_ByPlanDaysSinceOpened(string opened, string now, string bucket) =>
        Assert.Equal(bucket, AlertBacklog.AgeBucket(T(opened), T(now)));

    [Theory]
    // Open: the deadline is 00:00 after the third working day (Tue 3 Jun → Sat 7 Jun 00:00).
    [InlineData(AlertState.Open, "2025-06-03 10:00", null, "2025-06-06 23:59", null)]
    [InlineData(AlertState.Open, "2025-06-03 10:00", null, "2025-06-07 00:00", AlertOverdue.Unanswered)]
    // National Day: opened Tue 30 Sep, due 12 Oct 00:00.
    [InlineData(AlertState.Open, "2025-09-30 10:00", null, "2025-10-11 12:00", null)]
    [InlineData(AlertState.Open, "2025-09-30 10:00", null, "2025-10-12 00:00", AlertOverdue.Unanswered)]
    // Acknowledged: overdue once the promised day is over, not before; the ack deadline no longer counts.
    [InlineData(AlertState.Acknowledged, "2025-06-03 10:00", "2025-06-30", "2025-06-30 23:59", null)]
    [InlineData(AlertState.Acknowledged, "2025-06-03 10:00", "2025-06-30", "2025-07-01 00:00", AlertOverdue.PromiseMissed)]
    // Resolved and closed owe nothing.
    [InlineData(AlertState.Resolved, "2025-06-03 10:00", "2025-06-30", "2025-08-01 00:00", null)]
    [InlineData(AlertState.Closed, "2025-06-03 10:00", null, "2025-08-01 00:00", null)]
    public void Overdue_ByEscalationDeadlines(AlertState state, string awaiting, string? promised, string now, AlertOverdue? expected) =>
        Assert.Equal(expected, AlertBacklog.Overdue(state, T(awaiting), promised is null ? null : DateOnly.Parse(promised, System.Globalization.CultureInfo.InvariantCulture), T(now), S, Cal2025));
}
