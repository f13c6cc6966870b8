namespace KejiLive.Grains.Abstractions.Messages;

/// <summary>Where the judging sweep stands: the one running (if any) and the last one completed since this silo started.</summary>
[GenerateSerializer, Alias("keji.judge-progress")]
public sealed record JudgeProgress
{
    /// <summary>True while a sweep is judging.</summary>
    [Id(0)] public bool Running { get; init; }

    /// <summary>Pairs judged in the running sweep.</summary>
    [Id(1)] public int Done { get; init; }

    /// <summary>Target × unit pairs in the plan.</summary>
    [Id(2)] public int Total { get; init; }

    /// <summary>When the running sweep began (plan clock), or null.</summary>
    [Id(3)] public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The last complete sweep, or null before the first.</summary>
    [Id(4)] public JudgeSummary? Last { get; init; }
}
