using System.Collections.Immutable;

namespace KejiLive.Dashboard.Observability;

/// <summary>The office's backlog as last read from the grains (see <see cref="OfficeMetrics"/>); gauges read this, so a
/// scrape never calls a grain.</summary>
/// <param name="Alerts">督办 not yet closed, by (state, age bucket); every combination present, zeros included.</param>
/// <param name="Overdue">Live 督办 overdue, by reason (unanswered | promise_missed); both present.</param>
/// <param name="Outboxes">One line per configured contact point.</param>
/// <param name="LastSweepAt">When the last complete judging sweep finished (plan clock); null before the first.</param>
public sealed record OfficeSnapshot(
    ImmutableDictionary<(string State, string Age), int> Alerts,
    ImmutableDictionary<string, int> Overdue,
    ImmutableArray<OutboxLine> Outboxes,
    DateTimeOffset? LastSweepAt);

/// <summary>One contact point's outbox: <paramref name="Channel"/> is its kind (wecom | dingtalk | webhook | email);
/// <paramref name="Overflow"/> waits for room in a full queue, <paramref name="Refused"/> counts notices turned away
/// because queue and overflow were full.</summary>
public sealed record OutboxLine(string ContactPoint, string Channel, int Pending, int Failed, long Sent, int Overflow, long Refused);
