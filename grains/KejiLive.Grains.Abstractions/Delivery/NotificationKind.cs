namespace KejiLive.Grains.Abstractions.Delivery;

/// <summary>Why a notification is sent. Wire names (labels, logs): alert-opened, acknowledged, escalated, reminder,
/// resolved, closed, digest, pack-ready, item-duplicate.</summary>
[GenerateSerializer, Alias("keji.notification-kind")]
public enum NotificationKind
{
    AlertOpened = 0,
    Acknowledged = 1,
    Escalated = 2,
    Reminder = 3,
    Resolved = 4,
    Closed = 5,
    Digest = 6,
    PackReady = 7,

    /// <summary>An item (an enterprise, a team) claimed by two units for the same count: for the city office.</summary>
    ItemDuplicate = 8,
}
