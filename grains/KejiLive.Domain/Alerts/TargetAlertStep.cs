using System.Collections.Immutable;

namespace KejiLive.Domain.Alerts;

/// <summary>The result of <see cref="TargetAlerts"/>.Observe: the state to persist, the notices for the outbox (persist
/// them with the state, in order), and when to call again without a new report (one timer; null when only a report or
/// the next day's re-judgement can change anything).</summary>
public sealed record TargetAlertStep(TargetAlertState State, ImmutableArray<AlertNotice> Notices, DateTimeOffset? NextCheckAt);
