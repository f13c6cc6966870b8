using KejiLive.Domain.Weekly;

namespace KejiLive.Grains.Reports;

/// <summary>Settings of the weekly pack (configuration section <c>Reports</c>).</summary>
/// <param name="Schedule">When packs are made (<c>Reports:WeeklyAt</c>, default Monday 08:00 Asia/Shanghai).</param>
public sealed record WeeklyPackOptions(PackSchedule Schedule)
{
    /// <summary>The longest a page's request waits for a pack being built before it is answered without it (the build
    /// goes on; <c>Reports:BuildWait</c>, default 20 s, below the 30 s a grain call may take).</summary>
    public TimeSpan BuildWait { get; init; } = TimeSpan.FromSeconds(20);
}
