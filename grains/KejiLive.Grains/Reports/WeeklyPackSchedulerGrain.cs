using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Weekly;
using KejiLive.Grains.Abstractions.Reports;
using KejiLive.Grains.Abstractions.Time;
using KejiLive.Grains.State;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains.Reports;

/// <summary>Makes the pack of the week just ended at <see cref="WeeklyPackOptions.Schedule"/> on the plan clock, tells
/// the city office through <see cref="IPackReadyNotifier"/>, and keeps the list of packs made. Started by a silo
/// start-up task; a run missed while the silo was down is made at start when it is less than a day late.</summary>
public sealed class WeeklyPackSchedulerGrain(
    [PersistentState("pack-scheduler", StorageNames.Keji)] IPersistentState<WeeklyPackSchedulerState> state,
    PlanDocument plan,
    PlanClock clock,
    WeeklyPackOptions options,
    IPackReadyNotifier notifier,
    ILogger<WeeklyPackSchedulerGrain> logger) : Grain, IWeeklyPackSchedulerGrain, IRemindable
{
    private static readonly TimeSpan CatchUpWindow = TimeSpan.FromDays(1);
    private IGrainTimer? _timer;

    public async Task StartAsync()
    {
        await WakeReminder.RegisterAsync(this);
        if (_timer is not null) return;
        var now = clock.GetUtcNow();
        var missed = options.Schedule.Last(now);
        var week = PackSchedule.WeekFor(missed);
        var due = now - missed < CatchUpWindow && PlanWeeks.Contains(plan, week) && !HasFinal(week)
            ? TimeSpan.Zero
            : NextRealDelay();
        _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        logger.LogInformation("Weekly packs scheduled {Schedule} (Asia/Shanghai); next run {Next:O}", options.Schedule,
            due == TimeSpan.Zero ? now : options.Schedule.Next(now));
    }

    /// <summary>The wake reminder: re-arms the schedule on an activation that lost it with its silo.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == WakeReminder.Name && _timer is null ? StartAsync() : Task.CompletedTask;

    public async Task<PackSummary?> RunAsync()
    {
        var week = PackSchedule.WeekFor(clock.GetUtcNow());
        if (!PlanWeeks.Contains(plan, week)) return null;
        var grain = GrainFactory.GetGrain<IWeeklyPackGrain>(week.ToString());
        var existing = state.State.Packs.FirstOrDefault(p => p.Week == week.ToString());
        var pack = existing is { Final: true } ? existing : await grain.GenerateAsync();
        await RecordAsync(pack);
        await notifier.PackReadyAsync(pack, CancellationToken.None);
        return pack;
    }

    public async Task RecordAsync(PackSummary pack)
    {
        var others = state.State.Packs.Where(p => p.Week != pack.Week);
        var held = state.State.Packs.FirstOrDefault(p => p.Week == pack.Week);
        if (held is not null && held.Version >= pack.Version) return;
        await state.WriteAsync(state.State with { Packs = [.. others.Append(pack).OrderBy(p => p.Week, StringComparer.Ordinal)] });
    }

    public Task<ImmutableArray<PackSummary>> GetPacksAsync() => Task.FromResult(state.State.Packs);

    public Task<DateTimeOffset> GetNextRunAsync() => Task.FromResult(options.Schedule.Next(clock.GetUtcNow()));

    private bool HasFinal(IsoWeek week) => state.State.Packs.Any(p => p.Week == week.ToString() && p.Final);

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Scheduled weekly pack failed; the next run will try again");
        }
        finally
        {
            _timer?.Change(NextRealDelay(), Timeout.InfiniteTimeSpan);
        }
    }

    private TimeSpan NextRealDelay()
    {
        var now = clock.GetUtcNow();
        return clock.ToRealDelay(options.Schedule.Next(now) - now);
    }
}
