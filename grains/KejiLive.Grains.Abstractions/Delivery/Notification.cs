using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Delivery;

/// <summary>One message for one contact point, as the alert grains hand it to the outbox. The text is written by the
/// caller (Chinese markdown, the subset WeCom and DingTalk render: headings, bold, links, quotes); the outbox adds the
/// link and a short trace line with <see cref="IdempotencyKey"/> and formats it for the channel.</summary>
[GenerateSerializer, Alias("keji.notification")]
public sealed record Notification
{
    /// <summary>Stable for the same logical message (e.g. <c>alert-42:opened</c>, <c>alert-42:reminder:3</c>): the
    /// outbox ignores a key it has already queued or sent, and every channel carries it so receivers can drop repeats.</summary>
    [Id(0)] public string IdempotencyKey { get; init; } = "";

    /// <summary>The contact point (outbox grain key) the message goes to.</summary>
    [Id(1)] public string ContactPointId { get; init; } = "";

    [Id(2)] public NotificationKind Kind { get; init; }

    /// <summary>Responsible unit id (e.g. 360702); empty for city-wide messages. Digests fold per unit.</summary>
    [Id(3)] public string Unit { get; init; } = "";

    /// <summary>Display name of <see cref="Unit"/> (e.g. 章贡区), used in digest titles.</summary>
    [Id(4)] public string UnitName { get; init; } = "";

    /// <summary>Target id, when the message is about one target.</summary>
    [Id(5)] public string? Target { get; init; }

    /// <summary>One line: the chat preview, the e-mail subject, the webhook summary.</summary>
    [Id(6)] public string Title { get; init; } = "";

    [Id(7)] public string Markdown { get; init; } = "";

    /// <summary>Optional PNG (e.g. the target's curve), at most 2 MB: an image message on WeCom, an inline picture in
    /// e-mail; not sent to DingTalk and webhooks.</summary>
    [Id(8)] public byte[]? ImagePng { get; init; }

    [Id(9)] public ImmutableArray<string> AlertIds { get; init; } = [];

    /// <summary>Absolute link to the alert or target page.</summary>
    [Id(10)] public string? Link { get; init; }

    [Id(11)] public DateTimeOffset CreatedAt { get; init; }
}
