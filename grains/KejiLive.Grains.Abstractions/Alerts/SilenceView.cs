namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>A silence: notifications for matching alerts (a unit, a target, or both; neither = everything) wait until it
/// ends; alerts still open and are kept. Who set it and why are recorded.</summary>
[GenerateSerializer, Alias("keji.silence")]
public sealed record SilenceView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string CreatedBy { get; init; }
    [Id(2)] public required string Reason { get; init; }
    [Id(3)] public DateTimeOffset From { get; init; }
    [Id(4)] public DateTimeOffset Until { get; init; }
    [Id(5)] public string? Unit { get; init; }
    [Id(6)] public string? Target { get; init; }
}
