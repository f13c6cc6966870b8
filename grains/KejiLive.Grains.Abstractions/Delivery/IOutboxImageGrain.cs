using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Delivery;

/// <summary>One chart image the outboxes send, stored once however many outbox entries carry it. Key: the lowercase hex
/// SHA-256 of the PNG, so the same chart sent to five contact points (or twice to one) is one stored row. Each entry
/// that carries it is a holder (<c>{contact point}/{idempotency key}</c>); the row is deleted when the last holder lets
/// go (the entry was sent, or dropped from the failed list).</summary>
public interface IOutboxImageGrain : IGrainWithStringKey
{
    /// <summary>Stores the image (if not yet stored) and adds <paramref name="holder"/>. Idempotent. Throws
    /// <see cref="ArgumentException"/> when the bytes do not hash to this grain's key.</summary>
    Task HoldAsync(string holder, byte[] png);

    /// <summary>The image, or null when no entry holds it any more.</summary>
    [AlwaysInterleave]
    Task<byte[]?> GetAsync();

    /// <summary>Removes <paramref name="holder"/>; the stored image is deleted with its last holder. Releasing a holder
    /// that does not hold it does nothing.</summary>
    Task ReleaseAsync(string holder);
}
