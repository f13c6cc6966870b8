using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Delivery;

namespace KejiLive.Grains.Delivery;

/// <summary>What a sender sends: one notification, or a digest with the notifications folded into it.</summary>
/// <param name="Members">The folded notifications (empty for a single one); the webhook lists each as an alert.</param>
public sealed record OutgoingMessage(Notification Notification, ImmutableArray<Notification> Members)
{
    public OutgoingMessage(Notification notification) : this(notification, []) { }

    /// <summary>The notifications this message carries: the members of a digest, else the notification itself.</summary>
    public ImmutableArray<Notification> Carried => Members.IsDefaultOrEmpty ? [Notification] : Members;
}
