namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>One recorded change of a 督办: what happened, who, when, and the note (remedy, reason).</summary>
[GenerateSerializer, Alias("keji.alert-change")]
public sealed record AlertChangeView
{
    [Id(0)] public int Sequence { get; init; }
    [Id(1)] public DateTimeOffset At { get; init; }
    [Id(2)] public required string Actor { get; init; }
    [Id(3)] public required string Transition { get; init; }
    [Id(4)] public required string From { get; init; }
    [Id(5)] public required string To { get; init; }
    [Id(6)] public required string Severity { get; init; }
    [Id(7)] public int EscalationLevel { get; init; }
    [Id(8)] public string? Note { get; init; }
}
