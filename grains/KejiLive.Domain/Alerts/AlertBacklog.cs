using System.Collections.Immutable;
using KejiLive.Domain.Calendar;

namespace KejiLive.Domain.Alerts;

/// <summary>Why a live 督办 is overdue: its unit has not answered by the acknowledgement deadline, or answered and let
/// the promised date pass without the target recovering.</summary>
public enum AlertOverdue
{
    Unanswered,
    PromiseMissed,
}

/// <summary>How the office's 督办 backlog is counted on <c>/metrics</c>: age buckets in plan days since an alert opened,
/// and whether a live alert is overdue (the same deadlines <see cref="AlertSchedule"/> escalates on).</summary>
public static class AlertBacklog
{
    /// <summary>Age buckets by upper bound (exclusive), oldest last; the labels name whole days.</summary>
    public static ImmutableArray<(string Label, TimeSpan Below)> AgeBuckets { get; } =
    [
        ("0-3d", TimeSpan.FromDays(3)),
        ("3-7d", TimeSpan.FromDays(7)),
        ("7-14d", TimeSpan.FromDays(14)),
        ("14-30d", TimeSpan.FromDays(30)),
        ("30d+", TimeSpan.MaxValue),
    ];

    /// <summary>The bucket of an alert opened at <paramref name="openedAt"/>, seen at <paramref name="now"/> (an alert
    /// stamped later than now, e.g. after a clock change, counts as new).</summary>
    public static string AgeBucket(DateTimeOffset openedAt, DateTimeOffset now)
    {
        var age = now - openedAt;
        foreach (var (label, below) in AgeBuckets)
        {
            if (age < below) return label;
        }
        return AgeBuckets[^1].Label;
    }

    /// <summary>Whether the alert is overdue at <paramref name="now"/>: open past its acknowledgement deadline, or
    /// acknowledged with the promised date over (from 00:00 Shanghai of the day after it). Resolved and closed alerts
    /// owe nothing.</summary>
    public static AlertOverdue? Overdue(AlertState state, DateTimeOffset awaitingSince, DateOnly? promisedBy, DateTimeOffset now,
        AlertSettings settings, HolidayCalendar calendar) => state switch
    {
        AlertState.Open when now >= AlertSchedule.AckDeadline(awaitingSince, settings, calendar) => AlertOverdue.Unanswered,
        AlertState.Acknowledged when promisedBy is { } p && now >= ShanghaiTime.StartOf(p.AddDays(1)) => AlertOverdue.PromiseMissed,
        _ => null,
    };
}
