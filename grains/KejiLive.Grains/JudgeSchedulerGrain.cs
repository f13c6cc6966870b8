using System.Diagnostics;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains;

/// <summary>Re-judges the whole plan hourly and just after each Asia/Shanghai midnight (序时进度 moves by the day), so a
/// target nobody reports on still turns yellow or red on the right day. Started by a silo start-up task, so the plan is
/// judged right after every (re)start.</summary>
public sealed class JudgeSchedulerGrain(PlanDocument plan, PlanClock clock, HolidayCalendar calendar, ILogger<JudgeSchedulerGrain> logger)
    : Grain, IJudgeSchedulerGrain
{
    /// <summary>A little past midnight, so the day has certainly turned on the plan clock.</summary>
    private static readonly TimeSpan AfterMidnight = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Hourly = TimeSpan.FromHours(1);
    private static readonly TimeSpan FastClock = TimeSpan.FromSeconds(2);

    /// <summary>From this hour (Asia/Shanghai) on working days the city office gets the day's 督办 digest (once a day).</summary>
    private const int DigestHour = 9;

    private IGrainTimer? _timer;
    private JudgeSummary? _last;

    public async Task<JudgeSummary> StartAsync()
    {
        var summary = await JudgeNowAsync();
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(NextRealDelay(), Timeout.InfiniteTimeSpan)
            {
                KeepAlive = true,
            });
        }
        return summary;
    }

    public async Task<JudgeSummary> JudgeNowAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(plan.Targets.Select(t => GrainFactory.GetGrain<ICityTargetGrain>(t.Id).JudgeAsync()));
        foreach (var unit in plan.Units.Where(u => u.IsRanked))
        {
            await GrainFactory.GetGrain<IUnitGrain>(unit.Id).ObserveAlertsAsync();
        }
        var local = clock.GetUtcNow().ToOffset(ShanghaiTime.Offset);
        if (local.Hour >= DigestHour && calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)))
        {
            await GrainFactory.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(plan.Id)).SendDailyDigestAsync(DateOnly.FromDateTime(local.DateTime));
        }
        var now = clock.GetUtcNow();
        _last = new JudgeSummary
        {
            Targets = counts.Length,
            TargetUnits = counts.Sum(),
            JudgedAt = now,
            Elapsed = Stopwatch.GetElapsedTime(started),
            NextJudgeAt = now + NextPlanDelay(now),
        };
        logger.LogInformation("Judged {Targets} targets ({TargetUnits} target × unit) at {Now:O} in {Elapsed} ms",
            _last.Targets, _last.TargetUnits, now, (int)_last.Elapsed.TotalMilliseconds);
        return _last;
    }

    public Task<JudgeSummary?> GetLastAsync() => Task.FromResult(_last);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await JudgeNowAsync();
        }
        finally
        {
            _timer?.Change(NextRealDelay(), Timeout.InfiniteTimeSpan);
        }
    }

    private TimeSpan NextRealDelay() => clock.ToRealDelay(NextPlanDelay(clock.GetUtcNow()));

    /// <summary>Hourly and just after midnight; when the clock runs so fast that an hour passes in under two real seconds
    /// (demos, replays), only just after midnight: 序时进度 moves by the day, and hourly judging would only burn the CPU.</summary>
    private TimeSpan NextPlanDelay(DateTimeOffset now)
    {
        var toMidnight = ShanghaiTime.NextMidnight(now) - now + AfterMidnight;
        return toMidnight < Hourly || clock.ToRealDelay(Hourly) < FastClock ? toMidnight : Hourly;
    }
}
