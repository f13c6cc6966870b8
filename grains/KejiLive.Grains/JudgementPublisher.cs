using System.Collections.Immutable;
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
public sealed class JudgementPublisher
{
    private readonly ILogger<JudgementPublisher> logger;

    public JudgementPublisher(IGrainFactory grains, ILogger<JudgementPublisher> logger)
    {
        this.logger = logger;
        _alerts = new GrainRefs<IAlertsGrain>(grains);
        _cities = new GrainRefs<ICityTargetGrain>(grains);
        _units = new GrainRefs<IUnitGrain>(grains);
        _feed = new Lazy<ILiveFeedGrain>(() => grains.GetGrain<ILiveFeedGrain>(0));
        _window = new PublishWindow<Waiting>(Send);
    }

    /// <summary>The longest a judgement waits to be sent with others.</summary>
    public static readonly TimeSpan Window = PublishWindow<TargetSnapshot>.Window;

    private readonly PublishWindow<Waiting> _window;
    private readonly GrainRefs<IAlertsGrain> _alerts;
    private readonly GrainRefs<ICityTargetGrain> _cities;
    private readonly GrainRefs<IUnitGrain> _units;
    private readonly Lazy<ILiveFeedGrain> _feed;

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
    public void Publish(string key, TargetSnapshot snapshot, bool views) =>
        _window.Add(key, new Waiting(snapshot, views), (earlier, later) => later with { Views = later.Views || earlier.Views });

    /// <summary>Sends whatever waits now, without waiting for the window (the messages are one-way: this returns once
    /// they are sent). For a caller that must know the views were told, e.g. a test reading the city after a sweep.</summary>
    public void FlushNow() => _window.FlushNow();

    private void Send(Dictionary<string, Waiting> batch)
    {
        Interlocked.Add(ref _published, batch.Count);
        Interlocked.Increment(ref _flushes);
        var changed = batch.Values.Where(w => w.Views).Select(w => w.Snapshot).ToImmutableArray();
        // Each send stands alone: a grain whose silo just died (its address not yet known to be gone) fails its own
        // message, never the others'. The wall's feed goes first: it is what a leader watches.
        if (!changed.IsEmpty)
        {
            Send("live feed", () => _feed.Value.PublishAsync(new LiveChanges { Targets = changed }));
            foreach (var city in changed.GroupBy(s => s.Target, StringComparer.Ordinal))
            {
                Send(city.Key, () => _cities[city.Key].UpdateUnitsAsync([.. city]));
            }
            foreach (var unit in changed.GroupBy(s => s.Unit, StringComparer.Ordinal))
            {
                Send(unit.Key, () => _units[unit.Key].UpdateTargetsAsync([.. unit]));
            }
        }
        foreach (var (key, waiting) in batch)
        {
            Send(key, () => _alerts[key].ObserveAsync(waiting.Snapshot));
        }
    }

    private void Send(string receiver, Func<Task> send) => OneWayMessages.Send(logger, receiver, send);
}
