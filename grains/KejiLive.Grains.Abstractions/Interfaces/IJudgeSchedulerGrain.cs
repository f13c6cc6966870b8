using Orleans.Concurrency;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains.Abstractions.Interfaces;

/// <summary>Re-judges the whole plan at start, at least hourly, and right after each Asia/Shanghai midnight, so lights
/// change with time alone (also right after a restart). Key: plan id. Kept alive by its own timer.</summary>
/// <remarks>A sweep walks every target × unit in bounded batches with bounded concurrency, one grain turn per batch, and
/// stores its position after each, so no call has to finish the whole plan and a crash resumes where it stopped.</remarks>
public interface IJudgeSchedulerGrain : IGrainWithStringKey
{
    /// <summary>Begins a sweep (or resumes the stored one) unless one is running, and arms the schedule. Returns at once;
    /// watch <see cref="GetProgressAsync"/>. Safe to call from every silo.</summary>
    Task StartAsync();

    /// <summary>Judges everything now, in batches, within this call (tools and tests on small plans).</summary>
    Task<JudgeSummary> JudgeNowAsync();

    /// <summary>The last complete judgement since this silo started, or null before the first.</summary>
    [AlwaysInterleave]
    Task<JudgeSummary?> GetLastAsync();

    /// <summary>The running sweep's position and the last complete one.</summary>
    [AlwaysInterleave]
    Task<JudgeProgress> GetProgressAsync();
}
