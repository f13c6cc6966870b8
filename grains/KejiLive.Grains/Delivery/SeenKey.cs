namespace KejiLive.Grains.Delivery;

/// <summary>An idempotency key the outbox finished with (sent, folded or failed) and when.</summary>
[GenerateSerializer, Alias("keji.outbox-seen-key")]
public sealed record SeenKey
{
    [Id(0)] public string Key { get; init; } = "";
    [Id(1)] public DateTimeOffset At { get; init; }
}
