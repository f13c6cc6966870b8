namespace KejiLive.Grains.Abstractions.Delivery;

/// <summary>Where a notification is in the outbox.</summary>
[GenerateSerializer, Alias("keji.outbox-entry-state")]
public enum OutboxEntryState
{
    Pending = 0,

    /// <summary>The receiver answered with success.</summary>
    Sent = 1,

    /// <summary>Merged into a digest (see <see cref="OutboxEntryView.FoldedInto"/>), which carries its text.</summary>
    Folded = 2,

    /// <summary>Given up: refused by the receiver, or not delivered within the retry period. Kept visible.</summary>
    Failed = 3,
}
