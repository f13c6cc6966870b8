using System.Collections.Immutable;
using KejiLive.Domain.Alerts;

namespace KejiLive.Grains.Alerts;

/// <summary>Persisted state of an alerts grain: the tracks of a target × unit (or the unit-level 未报送 track) and the
/// notices waiting for a mute window to end. Stored as JSON by the embedded storage (domain records, no CLR type names);
/// never sent over the wire, so it carries no Orleans serializer attributes.</summary>
public sealed class AlertsState
{
    public TargetAlertState? Target { get; set; }

    public AlertTrack? Unit { get; set; }

    /// <summary>Notices not yet handed to an outbox, each with the instant it may be delivered (after mute windows).</summary>
    public ImmutableArray<PendingNotice> Pending { get; set; } = [];
}
