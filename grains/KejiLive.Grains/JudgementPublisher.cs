using System.Collections.Immutable;
using System.Diagnostics;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Messages;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains;

/// <summary>Hands the target grains' judgements of one silo to the alert rules and the views, in batches.</summary>
/// <remarks>
/// <para>Every accepted report used to cost five one-way messages (alerts, city, unit, live feed, and the unit's card
/// to the ranking and the feed behind them), each handled alone. Now a judgement waits here at most
/// <see cref="Window"/> (real time): the latest judgement per target × unit goes to its alerts grain, the city and unit
/// views get one message each with every unit / target that changed, and the live feed one message with all of them.
/// A judgement superseded within the window (a grain fed many reports a second) is never sent.</para>
/// <para>When nothing was sent within the last window and nothing waits, a judgement goes out at once, on the caller's
/// turn, exactly as before: a unit reporting once a week, or a test posting one report and reading the city, sees no
/// delay. Everything here is memory: a silo that dies loses at most one window of publications, which the next
/// judgement (the next report, or the hourly judging sweep) sends again, as it would have after a lost one-way
/// message.</para>
/// </remarks>
public sealed class JudgementPublisher(IGrainFactory grains, ILogger<JudgementPublisher> logger)
{
    /// <summary>The longest a judgement waits to be sent with others.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(50);

    private readonly Lock _gate = new();
    private Dictionary<string, Waiting> _waiting = new(StringComparer.Ordinal);
    private long _lastFlush = Stopwatch.GetTimestamp() - (long)(Window.TotalSeconds * Stopwatch.Frequency);
    private bool _scheduled;

    private readonly record struct Waiting(TargetSnapshot Snapshot, bool Views);

    /// <summary>Judgements sent so far (the benchmark prints it; superseded ones are not counted).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Batches sent so far: each is one message per alerts grain and one per city target, unit and feed.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    private long _published;
    private long _flushes;

    /// <summary>Queues <paramref name="snapshot"/> of target × unit <paramref name="key"/>: always for its alert rules,
    /// and for the city and unit views and the wall when <paramref name="views"/> (something a viewer sees changed).
    /// Sends now when the publisher is idle; otherwise the waiting batch leaves when the window has passed.</summary>
    public void Publish(string key, TargetSnapshot snapshot, bool views)
    {
        TimeSpan wait;
        lock (_gate)
        {
            if (_waiting.TryGetValue(key, out var earlier)) views |= earlier.Views;
            _waiting[key] = new Waiting(snapshot, views);
            if (_scheduled) return;
            wait = Window - Stopwatch.GetElapsedTime(_lastFlush);
            if (wait > TimeSpan.Zero) _scheduled = true;
        }
        if (wait > TimeSpan.Zero)
        {
            _ = FlushLaterAsync(wait);
            return;
        }
        Flush();
    }

    /// <summary>Sends whatever waits now, without waiting for the window (the messages are one-way: this returns once
    /// they are sent). For a caller that must know the views were told, e.g. a test reading the city after a sweep.</summary>
    public void FlushNow() => Flush();

    private async Task FlushLaterAsync(TimeSpan wait)
    {
        // Off any grain's scheduler: the batch leaves from the thread pool (grain calls may be made from anywhere in
        // the silo).
        await Task.Delay(wait, TimeProvider.System).ConfigureAwait(false);
        Flush();
    }

    private void Flush()
    {
        Dictionary<string, Waiting> batch;
        lock (_gate)
        {
            batch = _waiting;
            _waiting = new(StringComparer.Ordinal);
            _scheduled = false;
            _lastFlush = Stopwatch.GetTimestamp();
        }
        if (batch.Count == 0) return;
        Interlocked.Add(ref _published, batch.Count);
        Interlocked.Increment(ref _flushes);
        var changed = batch.Values.Where(w => w.Views).Select(w => w.Snapshot).ToImmutableArray();
        // Each send stands alone: a grain whose silo just died (its address not yet known to be gone) fails its own
        // message, never the others'. The wall's feed goes first: it is what a leader watches.
        if (!changed.IsEmpty)
        {
            Send("live feed", () => grains.GetGrain<ILiveFeedGrain>(0).PublishAsync(new LiveChanges { Targets = changed }));
            foreach (var city in changed.GroupBy(s => s.Target, StringComparer.Ordinal))
            {
                Send(city.Key, () => grains.GetGrain<ICityTargetGrain>(city.Key).UpdateUnitsAsync([.. city]));
            }
            foreach (var unit in changed.GroupBy(s => s.Unit, StringComparer.Ordinal))
            {
                Send(unit.Key, () => grains.GetGrain<IUnitGrain>(unit.Key).UpdateTargetsAsync([.. unit]));
            }
        }
        foreach (var (key, waiting) in batch)
        {
            Send(key, () => grains.GetGrain<IAlertsGrain>(key).ObserveAsync(waiting.Snapshot));
        }
    }

    /// <summary>Sends one one-way message. A failure — thrown at once or by the returned task — is logged for that
    /// receiver alone; the next judgement publishes its state again.</summary>
    private void Send(string receiver, Func<Task> send)
    {
        Task sent;
        try
        {
            sent = send();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Publishing judgements to {Receiver} failed; the next judgement publishes them again", receiver);
            return;
        }
        if (sent.IsCompletedSuccessfully) return;
        sent.ContinueWith(
            t => logger.LogWarning(t.Exception, "Publishing judgements to {Receiver} failed; the next judgement publishes them again", receiver),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
