namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>The result of re-judging the whole plan.</summary>
[GenerateSerializer, Alias("keji.judge-summary")]
public sealed record JudgeSummary
{
    [Id(0)] public int Targets { get; init; }
    [Id(1)] public int TargetUnits { get; init; }
    [Id(2)] public DateTimeOffset JudgedAt { get; init; }
    [Id(3)] public TimeSpan Elapsed { get; init; }
    [Id(4)] public DateTimeOffset? NextJudgeAt { get; init; }

    /// <summary>When the sweep began (plan clock): before <see cref="JudgedAt"/>, and before the silo's start when the
    /// sweep resumed after a crash.</summary>
    [Id(5)] public DateTimeOffset SweepStartedAt { get; init; }
}
