using Orleans.Concurrency;

namespace KejiLive.Grains;

/// <summary>The judging scheduler's own continuation: the next batch of a sweep, queued one-way so it runs as a turn of its
/// own after whatever else waits for the grain. Internal to the silo (web nodes never call it).</summary>
public interface IJudgeSweepRunner : IGrainWithStringKey
{
    /// <summary>Runs the next batch of the running sweep and queues the one after; nothing when no sweep runs.</summary>
    [OneWay]
    Task ContinueSweepAsync();
}
