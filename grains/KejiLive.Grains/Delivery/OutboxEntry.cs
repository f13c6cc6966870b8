using System.Collections.Immutable;
using System.Text.Json.Serialization;
using KejiLive.Grains.Abstractions.Delivery;

namespace KejiLive.Grains.Delivery;

/// <summary>A notification in the outbox with its delivery bookkeeping. A digest made by folding carries its members
/// (text kept, images dropped) so a webhook can list each as an alert.</summary>
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

    [JsonIgnore]
    public string Key => Notification.IdempotencyKey;

    /// <summary>Only never-tried, image-free entries are folded: a tried one may already have reached the receiver
    /// under its own key.</summary>
    [JsonIgnore]
    public bool Foldable => Attempts == 0 && Notification.ImagePng is null && Members.IsDefaultOrEmpty;

    public OutgoingMessage ToMessage() => new(Notification, Members.IsDefault ? [] : Members);

    /// <summary>The entry without its text and image, for the finished list.</summary>
    public OutboxEntry Slim() => this with
    {
        Notification = Notification with { Markdown = "", ImagePng = null },
        Members = [],
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
