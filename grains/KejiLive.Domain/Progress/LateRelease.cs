namespace KejiLive.Domain.Progress;

/// <summary>A statistics release late for everyone: the figure of the period ending <paramref name="PeriodEnd"/> was due
/// on <paramref name="Release"/> (plus the plan's grace days), yet most units of the target still have not reported it.
/// The city office sees this one notice (<paramref name="Message"/>) instead of each unit's stale light and 未报送.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="PeriodEnd">The end of the reporting period whose figure is missing.</param>
/// <param name="Release">The calendar's release date for it (<see cref="ReleaseCalendar.ReleaseOf"/>).</param>
/// <param name="Missing">Units that have not reported a figure for the period.</param>
/// <param name="Units">Reporting units counted (with any figure this year; overlays excluded).</param>
/// <param name="Message">The notice in Chinese, e.g. "第三季度统计数据尚未发布：…".</param>
public sealed record LateRelease(string TargetId, DateOnly PeriodEnd, DateOnly Release, int Missing, int Units, string Message);
