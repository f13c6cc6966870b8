namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>临期 (<see cref="Domain.Progress.DueSoon"/>): the next item or milestone node not done falls due within 30 days
/// (a node within 14).
/// JSON <c>{ "due": "2025-12-31", "daysLeft": 11, "text": "临期：第1项期限12月31日，还剩11天，已完成0项（共1项）。" }</c>.</summary>
[GenerateSerializer, Immutable, Alias("keji.due-soon")]
public sealed record DueSoonNotice
{
    [Id(0)] public DateOnly Due { get; init; }
    [Id(1)] public int DaysLeft { get; init; }
    [Id(2)] public required string Text { get; init; }
}
