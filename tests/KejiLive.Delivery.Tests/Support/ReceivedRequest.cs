using System.Text.Json;

namespace KejiLive.Delivery.Tests.Support;

/// <summary>One request a fake receiver got, with the fake time it arrived, what the receiver found wrong, and whether
/// it answered with success (what the receiver's users saw).</summary>
internal sealed record ReceivedRequest(string Path, string Query, string? IdempotencyKey, string? Authorization, string Body,
    DateTimeOffset At, string? Violation)
{
    public bool Ok { get; init; }

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
