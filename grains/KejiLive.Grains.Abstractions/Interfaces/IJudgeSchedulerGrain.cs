using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains.Abstractions.Interfaces;

/// <summary>Re-judges the whole plan at start, at least hourly, and right after each Asia/Shanghai midnight, so lights
/// change with time alone (also right after a restart). Key: plan id. Kept alive by its own timer.</summary>
public interface IJudgeSchedulerGrain : IGrainWithStringKey
{
    /// <summary>Starts the timer if it is not running and judges everything now. Safe to call from every silo.</summary>
    Task<JudgeSummary> StartAsync();

    /// <summary>Judges everything now.</summary>
    Task<JudgeSummary> JudgeNowAsync();

    /// <summary>The last judgement, or null before the first.</summary>
    Task<JudgeSummary?> GetLastAsync();
}
