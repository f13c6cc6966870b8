using KejiLive.Domain.Weekly;

namespace KejiLive.Grains.Reports;

/// <summary>Settings of the weekly pack (configuration section <c>Reports</c>).</summary>
/// <param name="Schedule">When packs are made (<c>Reports:WeeklyAt</c>, default Monday 08:00 Asia/Shanghai).</param>
public sealed record WeeklyPackOptions(PackSchedule Schedule);
