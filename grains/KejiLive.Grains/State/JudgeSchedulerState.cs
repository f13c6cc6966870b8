namespace KejiLive.Grains.State;

/// <summary>The judging sweep in progress (<see cref="Domain.Progress.JudgeSweep"/>), stored after every batch so a
/// sweep a crash interrupted resumes after the restart. Ids are stable forever: add new ones, never reorder or reuse.</summary>
[GenerateSerializer, Alias("keji.judge-scheduler")]
public sealed record JudgeSchedulerState
{
    /// <summary>Fingerprint of the pairs the sweep counts over (null: no sweep stored).</summary>
    [Id(0)] public string? PlanFingerprint { get; init; }

    [Id(1)] public int Total { get; init; }

    [Id(2)] public int Done { get; init; }

    [Id(3)] public DateTimeOffset StartedAt { get; init; }
}
