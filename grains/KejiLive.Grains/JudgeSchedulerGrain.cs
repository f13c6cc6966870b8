using System.Collections.Immutable;
using System.Diagnostics;
using KejiLive.Domain.Calendar;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Grains.State;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains;

/// <summary>Re-judges the whole plan at start, hourly, and just after each Asia/Shanghai midnight (序时进度 moves by the
/// day), so a target nobody reports on still turns yellow or red on the right day.</summary>
/// <remarks>A sweep (<see cref="JudgeSweep"/>) takes <see cref="BatchSize"/> target × unit pairs per grain turn, at most
/// <see cref="InFlight"/> judged at once, stores its position, and queues the next batch as a one-way call to itself, so
/// other calls (health, progress) get in between and a national plan never needs one call that judges everything. A
/// crash in the middle resumes from the stored position when the silo starts again.</remarks>
public sealed class JudgeSchedulerGrain(
    [PersistentState("judge-scheduler", StorageNames.Keji)] IPersistentState<JudgeSchedulerState> state,
    PlanDocument plan, PlanClock clock, HolidayCalendar calendar, JudgeMetrics metrics, ILogger<JudgeSchedulerGrain> logger)
    : Grain, IJudgeSchedulerGrain, IJudgeSweepRunner, IRemindable
{
    /// <summary>Pairs judged per grain turn.</summary>
    public const int BatchSize = 512;

    /// <summary>Target grains judged at once within a batch.</summary>
    public const int InFlight = 64;

    /// <summary>A little past midnight, so the day has certainly turned on the plan clock.</summary>
    private static readonly TimeSpan AfterMidnight = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Hourly = TimeSpan.FromHours(1);
    private static readonly TimeSpan FastClock = TimeSpan.FromSeconds(2);

    /// <summary>From this hour (Asia/Shanghai) on working days the city office gets the day's 督办 digest (once a day).</summary>
    private const int DigestHour = 9;

    private ImmutableArray<TargetUnit> _pairs;
    private string _fingerprint = "";
    private JudgeSweep? _sweep;
    private long _sweepStarted;
    private int _reportedTenths;
    private IGrainTimer? _schedule;
    private JudgeSummary? _last;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _pairs = JudgeSweep.Pairs(plan);
        _fingerprint = JudgeSweep.Fingerprint(_pairs);
        var stored = state.State;
        if (stored.PlanFingerprint is { } fingerprint
            && new JudgeSweep(stored.Total, stored.Done, stored.StartedAt, fingerprint) is var sweep && sweep.CanResume(_fingerprint, clock.GetUtcNow()))
        {
            _sweep = sweep;
            _sweepStarted = Stopwatch.GetTimestamp();
            _reportedTenths = (int)(sweep.Fraction * 10);
            logger.LogInformation("Resuming the judging sweep begun at {StartedAt:O}: {Done} of {Total} target × unit judged before the restart",
                sweep.StartedAt, sweep.Done, sweep.Total);
        }
        return Task.CompletedTask;
    }

    public async Task StartAsync()
    {
        await WakeReminder.RegisterAsync(this);
        _schedule ??= this.RegisterGrainTimer(ScheduledAsync, new GrainTimerCreationOptions(NextRealDelay(), Timeout.InfiniteTimeSpan)
        {
            KeepAlive = true,
        });
        if (_sweep is null) await BeginAsync();
        await ContinueLaterAsync();
    }

    public async Task<JudgeSummary> JudgeNowAsync()
    {
        if (_sweep is null) await BeginAsync();
        while (_sweep is not null) await RunBatchAsync();
        return _last!;
    }

    /// <summary>The wake reminder: an activation without its schedule (the silo that held it is gone) starts as at a
    /// silo's start — resumes the stored sweep or judges everything now, and arms the schedule.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == WakeReminder.Name && _schedule is null ? StartAsync() : Task.CompletedTask;

    public Task<JudgeSummary?> GetLastAsync() => Task.FromResult(_last);

    public Task<JudgeProgress> GetProgressAsync() => Task.FromResult(new JudgeProgress
    {
        Running = _sweep is not null,
        Done = _sweep?.Done ?? 0,
        Total = _sweep?.Total ?? _pairs.Length,
        StartedAt = _sweep?.StartedAt,
        Last = _last,
    });

    /// <summary>The next batch of the running sweep (a no-op when none runs: a late or repeated message).</summary>
    public async Task ContinueSweepAsync()
    {
        if (_sweep is null) return;
        await RunBatchAsync();
        if (_sweep is not null) await ContinueLaterAsync();
    }

    private async Task ScheduledAsync(CancellationToken cancellationToken)
    {
        // A sweep still running (a large plan, or a lost continuation) goes on; otherwise a new one begins.
        if (_sweep is null) await BeginAsync();
        await ContinueLaterAsync();
        _schedule?.Change(NextRealDelay(), Timeout.InfiniteTimeSpan);
    }

    private async Task BeginAsync()
    {
        _sweep = JudgeSweep.Begin(_pairs, clock.GetUtcNow());
        _sweepStarted = Stopwatch.GetTimestamp();
        _reportedTenths = 0;
        await SaveAsync();
    }

    /// <summary>Queues the next batch behind whatever else waits for this grain.</summary>
    private Task ContinueLaterAsync() => GrainFactory.GetGrain<IJudgeSweepRunner>(this.GetPrimaryKeyString()).ContinueSweepAsync();

    private async Task RunBatchAsync()
    {
        var sweep = _sweep!;
        var (from, count) = sweep.NextBatch(BatchSize);
        for (var i = from; i < from + count; i += InFlight)
        {
            var slice = _pairs.Slice(i, Math.Min(InFlight, from + count - i));
            await Task.WhenAll(slice.Select(p => GrainFactory.GetGrain<ITargetGrain>(GrainKeys.Target(p.Target, p.Unit)).JudgeAsync()));
        }
        metrics.Judged(count);
        _sweep = sweep.Advance(count);
        if (_sweep.IsComplete)
        {
            await CompleteAsync(_sweep);
            return;
        }
        await SaveAsync();
        var tenths = (int)(_sweep.Fraction * 10);
        if (tenths > _reportedTenths)
        {
            _reportedTenths = tenths;
            logger.LogInformation("Judging: {Done} of {Total} target × unit ({Percent:0}%) in {Elapsed} ms",
                _sweep.Done, _sweep.Total, _sweep.Fraction * 100, (int)Stopwatch.GetElapsedTime(_sweepStarted).TotalMilliseconds);
        }
    }

    private async Task CompleteAsync(JudgeSweep sweep)
    {
        // The cities after their units: a figure overdue today for most units is one late-release notice (issue 17).
        foreach (var slice in plan.Targets.Select(t => t.Id).Chunk(InFlight))
        {
            await Task.WhenAll(slice.Select(id => GrainFactory.GetGrain<ICityTargetGrain>(id).JudgeAsync()));
        }
        var ranked = plan.Units.Where(u => u.IsRanked).Select(u => u.Id).ToArray();
        foreach (var slice in ranked.Chunk(InFlight))
        {
            await Task.WhenAll(slice.Select(id => GrainFactory.GetGrain<IUnitGrain>(id).ObserveAlertsAsync()));
        }
        var now = clock.GetUtcNow();
        var local = now.ToOffset(ShanghaiTime.Offset);
        if (local.Hour >= DigestHour && calendar.IsWorkingDay(DateOnly.FromDateTime(local.DateTime)))
        {
            await GrainFactory.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(plan.Id)).SendDailyDigestAsync(DateOnly.FromDateTime(local.DateTime));
        }
        var elapsed = Stopwatch.GetElapsedTime(_sweepStarted);
        var summary = new JudgeSummary
        {
            Targets = plan.Targets.Length,
            TargetUnits = sweep.Total,
            JudgedAt = now,
            Elapsed = elapsed,
            NextJudgeAt = now + NextPlanDelay(now),
            SweepStartedAt = sweep.StartedAt,
        };
        _sweep = null;
        await SaveAsync();
        metrics.SweepCompleted(elapsed);
        // Armed from the sweep's own time before the summary shows (GetLastAsync interleaves): whoever reads this
        // judgement and then lets the clock pass NextJudgeAt finds the next sweep due, not armed from a later now.
        _schedule?.Change(clock.ToRealDelay(summary.NextJudgeAt!.Value - clock.GetUtcNow()), Timeout.InfiniteTimeSpan);
        _last = summary;
        logger.LogInformation("Judged {Targets} targets ({TargetUnits} target × unit) at {Now:O} in {Elapsed} ms",
            summary.Targets, summary.TargetUnits, now, (int)elapsed.TotalMilliseconds);
    }

    private async Task SaveAsync()
    {
        state.State = _sweep is { } s
            ? new JudgeSchedulerState { PlanFingerprint = s.PlanFingerprint, Total = s.Total, Done = s.Done, StartedAt = s.StartedAt }
            : new JudgeSchedulerState();
        await state.WriteStateAsync();
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
