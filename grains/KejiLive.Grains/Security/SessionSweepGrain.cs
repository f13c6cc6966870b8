using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Security;
using KejiLive.Grains.State;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains.Security;

/// <summary>Deletes expired page sessions nobody reads again (see <see cref="ISessionSweepGrain"/>). Its own state is
/// the tracked sessions ordered by end; a one-shot grain timer on the injected <see cref="TimeProvider"/> wakes at the
/// earliest end.</summary>
public sealed class SessionSweepGrain(
    [PersistentState("session-sweep", StorageNames.Keji)] IPersistentState<SessionSweepState> state,
    TimeProvider time,
    ILogger<SessionSweepGrain> logger) : Grain, ISessionSweepGrain, IRemindable
{
    /// <summary>Most sessions ended in one turn; more wait for the next turn, right after.</summary>
    public const int BatchSize = 256;

    private IGrainTimer? _timer;
    private DateTimeOffset? _wakeAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Reschedule();
        return Task.CompletedTask;
    }

    public async Task TrackAsync(string sessionKey, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        var sessions = state.State.Sessions.RemoveAll(s => s.Key == sessionKey);
        var tracked = new TrackedSession(sessionKey, expiresAt);
        var at = sessions.TakeWhile(s => s.ExpiresAt <= expiresAt).Count();
        await state.WriteAsync(new SessionSweepState { Sessions = sessions.Insert(at, tracked) });
        Reschedule();
    }

    public async Task ForgetAsync(string sessionKey)
    {
        var sessions = state.State.Sessions.RemoveAll(s => s.Key == sessionKey);
        if (sessions.Length == state.State.Sessions.Length) return;
        await state.WriteAsync(new SessionSweepState { Sessions = sessions });
        Reschedule();
    }

    public async Task<int> SweepAsync()
    {
        var now = time.GetUtcNow();
        var due = state.State.Sessions.TakeWhile(s => s.ExpiresAt <= now).Take(BatchSize).ToList();
        if (due.Count == 0) return 0;
        // Each session clears its own row when it finds itself expired; one that still runs (its end moved) is kept.
        var still = new List<TrackedSession>();
        foreach (var session in due)
        {
            if (await GrainFactory.GetGrain<ISessionGrain>(session.Key).GetAsync() is { } running)
            {
                still.Add(session with { ExpiresAt = running.ExpiresAt });
            }
        }
        var rest = state.State.Sessions.RemoveRange(0, due.Count);
        foreach (var s in still)
        {
            var at = rest.TakeWhile(r => r.ExpiresAt <= s.ExpiresAt).Count();
            rest = rest.Insert(at, s);
        }
        await state.WriteAsync(new SessionSweepState { Sessions = rest });
        var deleted = due.Count - still.Count;
        logger.LogInformation("Ended {Count} expired page sessions; {Left} tracked", deleted, rest.Length);
        Reschedule();
        return deleted;
    }

    public Task<int> CountAsync() => Task.FromResult(state.State.Sessions.Length);

    public async Task ResumeAsync()
    {
        await WakeReminder.RegisterAsync(this);
        Reschedule();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == WakeReminder.Name && _timer is null) Reschedule();
        return Task.CompletedTask;
    }

    private async Task TickAsync(CancellationToken cancellationToken)
    {
        _wakeAt = null;
        try
        {
            await SweepAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Sweeping expired page sessions failed; trying again in a minute");
            _wakeAt = time.GetUtcNow() + TimeSpan.FromMinutes(1);
            _timer?.Change(TimeSpan.FromMinutes(1), Timeout.InfiniteTimeSpan);
            return;
        }
        Reschedule();
    }

    /// <summary>Points the one-shot timer at the earliest end, or drops it when nothing is tracked.</summary>
    private void Reschedule()
    {
        if (state.State.Sessions.IsEmpty)
        {
            _timer?.Dispose();
            _timer = null;
            _wakeAt = null;
            return;
        }
        var at = state.State.Sessions[0].ExpiresAt;
        if (_wakeAt == at) return;
        var now = time.GetUtcNow();
        var due = at > now ? at - now : TimeSpan.Zero;
        if (_timer is null)
        {
            _timer = this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
        _wakeAt = at;
    }
}

/// <summary>The tracked sessions, earliest end first.</summary>
[GenerateSerializer, Alias("keji.session-sweep-state")]
public sealed record SessionSweepState
{
    [Id(0)] public ImmutableArray<TrackedSession> Sessions { get; init; } = [];
}

/// <summary>A page session (its <see cref="ISessionGrain"/> key) and when it ends.</summary>
[GenerateSerializer, Alias("keji.tracked-session")]
public sealed record TrackedSession([property: Id(0)] string Key, [property: Id(1)] DateTimeOffset ExpiresAt);
