using KejiLive.Domain.Alerts;

namespace KejiLive.Grains.Alerts;

/// <summary>A notice waiting to be handed to the outboxes at or after <see cref="DeliverAt"/>.</summary>
public sealed record PendingNotice(AlertNotice Notice, DateTimeOffset DeliverAt);
