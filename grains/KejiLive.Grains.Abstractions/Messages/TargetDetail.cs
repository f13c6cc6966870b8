using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>A target × unit with its whole report history, oldest first (corrections are separate entries).</summary>
[GenerateSerializer, Alias("keji.target-detail")]
public sealed record TargetDetail
{
    [Id(0)] public required TargetSnapshot Snapshot { get; init; }
    [Id(1)] public ImmutableArray<ReportRecord> History { get; init; } = [];
}
