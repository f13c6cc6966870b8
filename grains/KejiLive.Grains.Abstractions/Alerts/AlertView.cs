using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>A 督办 as the API, the wall's ticker and a unit's inbox show it. <see cref="Target"/> is null for unit-level
/// alerts (未报送). States: open | acknowledged | resolved | closed; severities: yellow | orange | red; rules: behind |
/// will-miss | falling-fast | not-reported | milestone-overdue. <see cref="Points"/> is in the rule's own unit (pp behind,
/// targets not reported, days late).</summary>
[GenerateSerializer, Alias("keji.alert")]
public sealed record AlertView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public string? Target { get; init; }
    [Id(2)] public required string Unit { get; init; }
    [Id(3)] public required string Rule { get; init; }
    [Id(4)] public required string Severity { get; init; }
    [Id(5)] public required string State { get; init; }
    [Id(6)] public double Points { get; init; }
    [Id(7)] public DateTimeOffset OpenedAt { get; init; }
    [Id(8)] public DateTimeOffset AwaitingSince { get; init; }
    [Id(9)] public string? Remedy { get; init; }
    [Id(10)] public DateOnly? PromisedBy { get; init; }
    [Id(11)] public int EscalationLevel { get; init; }
    [Id(12)] public required string EscalateTo { get; init; }
    [Id(13)] public ImmutableArray<AlertChangeView> History { get; init; } = [];

    /// <summary>When the alert last changed (its newest history entry).</summary>
    [Id(14)] public DateTimeOffset ChangedAt { get; init; }

    /// <summary>While open: the last day (Asia/Shanghai) the unit may answer before the alert escalates to
    /// <see cref="EscalateTo"/> (the plan's working days for an answer, holidays and 调休 counted); null otherwise.</summary>
    [Id(15)] public DateOnly? AnswerBy { get; init; }
}
