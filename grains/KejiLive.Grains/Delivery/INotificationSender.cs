namespace KejiLive.Grains.Delivery;

/// <summary>Sends one message over one kind of channel. One implementation per <see cref="ContactPointKind"/> is
/// registered in DI; the outbox grain picks by <see cref="Kind"/>. Implementations do not throw for receiver or network
/// failures: they classify them into a <see cref="DeliveryResult"/>.</summary>
public interface INotificationSender
{
    /// <summary>The channel this sender speaks.</summary>
    ContactPointKind Kind { get; }

    /// <summary>Sends <paramref name="message"/> to <paramref name="point"/> once, with the message's idempotency key
    /// on the wire, and reports whether the receiver accepted it.</summary>
    Task<DeliveryResult> SendAsync(ContactPoint point, OutgoingMessage message, CancellationToken cancellationToken);
}
