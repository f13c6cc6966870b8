using System.Collections.Immutable;
using System.Text.Json.Serialization;
using KejiLive.Grains.Abstractions.Delivery;

namespace KejiLive.Grains.Delivery;

/// <summary>A notification in the outbox with its delivery bookkeeping. A digest made by folding carries its members
/// (text kept, images dropped) so a webhook can list each as an alert. An image is not kept in the entry but stored
/// once by its SHA-256 (<see cref="ImageRef"/>, an <see cref="IOutboxImageGrain"/>); an entry written by an older build
/// may still carry it inline in <see cref="Notification"/> until the outbox moves it out on activation.</summary>
[GenerateSerializer, Alias("keji.outbox-entry")]
public sealed record OutboxEntry
{
    [Id(0)] public Notification Notification { get; init; } = new();
    [Id(1)] public ImmutableArray<Notification> Members { get; init; } = [];
    [Id(2)] public OutboxEntryState State { get; init; }
    [Id(3)] public DateTimeOffset EnqueuedAt { get; init; }
    [Id(4)] public int Attempts { get; init; }
    [Id(5)] public DateTimeOffset? NextAttemptAt { get; init; }
    [Id(6)] public DateTimeOffset? LastAttemptAt { get; init; }
    [Id(7)] public string? LastError { get; init; }
    [Id(8)] public DateTimeOffset? SentAt { get; init; }
    [Id(9)] public string? FoldedInto { get; init; }

    /// <summary>SHA-256 (lowercase hex) of the stored image this entry sends, if any.</summary>
    [Id(10)] public string? ImageRef { get; init; }

    [JsonIgnore]
    public string Key => Notification.IdempotencyKey;

    /// <summary>Only never-tried, image-free entries are folded: a tried one may already have reached the receiver
    /// under its own key.</summary>
    [JsonIgnore]
    public bool Foldable => Attempts == 0 && Notification.ImagePng is null && ImageRef is null && Members.IsDefaultOrEmpty;

    /// <summary>The message to send, with the stored image (<paramref name="image"/>, loaded by the caller) when the entry
    /// holds one.</summary>
    public OutgoingMessage ToMessage(byte[]? image = null) =>
        new(image is null ? Notification : Notification with { ImagePng = image }, Members.IsDefault ? [] : Members);

    /// <summary>The entry without its text and image, for the finished list.</summary>
    public OutboxEntry Slim() => this with
    {
        Notification = Notification with { Markdown = "", ImagePng = null },
        Members = [],
        ImageRef = null,
    };

    public OutboxEntryView ToView() => new()
    {
        IdempotencyKey = Key,
        Kind = Notification.Kind,
        Unit = Notification.Unit,
        Title = Notification.Title,
        State = State,
        Attempts = Attempts,
        EnqueuedAt = EnqueuedAt,
        SentAt = SentAt,
        NextAttemptAt = NextAttemptAt,
        LastError = LastError,
        FoldedInto = FoldedInto,
    };
}
