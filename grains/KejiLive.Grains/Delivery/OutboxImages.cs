using System.Collections.Immutable;
using System.Security.Cryptography;

namespace KejiLive.Grains.Delivery;

/// <summary>Which stored images (<see cref="Abstractions.Delivery.IOutboxImageGrain"/>) an outbox's entries hold. An
/// entry keeps only the image's SHA-256 (<see cref="OutboxEntry.ImageRef"/>); pending and failed entries hold it, a
/// sent, folded or dropped one lets go.</summary>
public static class OutboxImages
{
    /// <summary>The key of an image: lowercase hex SHA-256 of its bytes.</summary>
    public static string Hash(byte[] png) => Convert.ToHexStringLower(SHA256.HashData(png));

    /// <summary>The holder name of one entry of one outbox.</summary>
    public static string Holder(string outboxId, string entryKey) => $"{outboxId}/{entryKey}";

    /// <summary>Every image an entry of <paramref name="s"/> holds.</summary>
    public static IEnumerable<ImageHold> Holds(OutboxState s) =>
        s.Pending.Concat(s.Failed).Where(e => e.ImageRef is not null).Select(e => new ImageHold(e.ImageRef!, e.Key));

    /// <summary>The holds of <paramref name="before"/> that <paramref name="after"/> no longer has.</summary>
    public static ImmutableArray<ImageHold> Released(OutboxState before, OutboxState after)
    {
        var kept = Holds(after).ToHashSet();
        return [.. Holds(before).Where(h => !kept.Contains(h)).Distinct()];
    }

    /// <summary>Entries written by a build that kept images inline: the images to store, and the state with references
    /// in their place.</summary>
    public static (OutboxState State, ImmutableArray<(ImageHold Hold, byte[] Png)> Moved) MoveInline(OutboxState s)
    {
        var moved = ImmutableArray.CreateBuilder<(ImageHold, byte[])>();
        OutboxEntry Move(OutboxEntry e)
        {
            if (e.Notification.ImagePng is not { } png) return e;
            var hash = Hash(png);
            moved.Add((new ImageHold(hash, e.Key), png));
            return e with { ImageRef = hash, Notification = e.Notification with { ImagePng = null } };
        }
        var next = s with { Pending = [.. s.Pending.Select(Move)], Failed = [.. s.Failed.Select(Move)] };
        return moved.Count == 0 ? (s, []) : (next, moved.ToImmutable());
    }
}

/// <summary>An outbox entry (by idempotency key) holding a stored image (by SHA-256).</summary>
[GenerateSerializer, Alias("keji.outbox-image-hold")]
public sealed record ImageHold([property: Id(0)] string Image, [property: Id(1)] string EntryKey);
