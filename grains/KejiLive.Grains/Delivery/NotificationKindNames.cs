using KejiLive.Grains.Abstractions.Delivery;

namespace KejiLive.Grains.Delivery;

/// <summary>Wire names of <see cref="NotificationKind"/> and the status a webhook receiver sees.</summary>
public static class NotificationKindNames
{
    public static string ToWire(NotificationKind kind) => kind switch
    {
        NotificationKind.AlertOpened => "alert-opened",
        NotificationKind.Acknowledged => "acknowledged",
        NotificationKind.Escalated => "escalated",
        NotificationKind.Reminder => "reminder",
        NotificationKind.Resolved => "resolved",
        NotificationKind.Closed => "closed",
        NotificationKind.Digest => "digest",
        NotificationKind.PackReady => "pack-ready",
        NotificationKind.ItemDuplicate => "item-duplicate",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Alertmanager status: resolved for resolved and closed alerts, firing otherwise.</summary>
    public static string AlertStatus(NotificationKind kind) =>
        kind is NotificationKind.Resolved or NotificationKind.Closed ? "resolved" : "firing";
}
