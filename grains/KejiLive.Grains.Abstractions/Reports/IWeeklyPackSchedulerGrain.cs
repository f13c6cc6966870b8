using System.Collections.Immutable;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Reports;

/// <summary>Makes the pack of the week just ended on schedule (<c>Reports:WeeklyAt</c>, default Monday 08:00
/// Asia/Shanghai, on the plan clock) and tells the city office; keeps the list of packs made. Key: plan id.</summary>
public interface IWeeklyPackSchedulerGrain : IGrainWithStringKey
{
    /// <summary>Starts the timer if it is not running. When the silo starts within a day after a missed run, makes
    /// that run right away. Safe to call from every silo.</summary>
    Task StartAsync();

    /// <summary>Makes the pack of the last week that has ended (unless a final one exists) and notifies; returns it,
    /// or null when that week is not a week of the plan.</summary>
    Task<PackSummary?> RunAsync();

    /// <summary>Records a pack made (by schedule or on demand). One-way: week grains call it while the scheduler may
    /// itself be waiting on them.</summary>
    [OneWay]
    Task RecordAsync(PackSummary pack);

    /// <summary>The newest version of every pack made, by week.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<PackSummary>> GetPacksAsync();

    /// <summary>The next scheduled run (plan time).</summary>
    [AlwaysInterleave]
    Task<DateTimeOffset> GetNextRunAsync();
}
