using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>The 督办 of one target × unit (key: <see cref="Keys.GrainKeys.Target"/>), or of a unit's unit-level rules
/// (key: <see cref="Keys.GrainKeys.UnitAlerts"/>). Fed one-way after every judgement; keeps the alerts, their anti-flapping
/// timers and the notifications waiting for a mute window to end, durably; hands due notifications to the outboxes.</summary>
public interface IAlertsGrain : IGrainWithStringKey
{
    /// <summary>A new judgement of this target × unit (a report, the hourly or midnight judge).</summary>
    [OneWay]
    Task ObserveAsync(TargetSnapshot snapshot);

    /// <summary>A new judgement of the unit's targets (unit-level rules: 未报送).</summary>
    [OneWay]
    Task ObserveUnitAsync(ImmutableArray<TargetSnapshot> targets);

    /// <summary>Every alert this grain holds (live, resolved and recently closed).</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<AlertView>> GetAsync();

    /// <summary>The unit answers: remedy (整改措施) and the date it promises to be back on track by.</summary>
    Task<AlertCommandResult> AcknowledgeAsync(string alertId, string actor, string remedy, DateOnly promisedBy);

    /// <summary>销号 by the city office (a note is needed unless the alert is resolved).</summary>
    Task<AlertCommandResult> CloseAsync(string alertId, string actor, string? note);

    /// <summary>The city office reopens a closed (销号) alert: back to open, the reason recorded in its history. Refused
    /// unless the alert is closed and still the latest of its target × unit × rule.</summary>
    Task<AlertCommandResult> ReopenAsync(string alertId, string actor, string reason);
}
