using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using Microsoft.Extensions.Logging;

namespace KejiLive.Grains;

/// <summary>Hands the unit grains' cards of one silo to the ranking grain and the live feed, in batches
/// (<see cref="PublishWindow{T}"/>: at most 50 ms, at once when idle).</summary>
/// <remarks>Each unit grain used to send its card to the ranking and to the feed as two messages of its own; on a
/// national plan, where a batch of judgements touches hundreds of units, that was two messages per report. Now the
/// ranking gets one message with every card that changed (it re-publishes the wall once per batch) and the feed one.</remarks>
public sealed class UnitCardPublisher
{
    private readonly ILogger<UnitCardPublisher> _logger;
    private readonly Lazy<ILiveFeedGrain> _feed;
    private readonly Lazy<IRankingGrain> _ranking;
    private readonly PublishWindow<Waiting> _window;

    private readonly record struct Waiting(UnitCard Card, bool Ranking, bool Feed);

    public UnitCardPublisher(IGrainFactory grains, PlanDocument plan, ILogger<UnitCardPublisher> logger)
    {
        _logger = logger;
        _feed = new Lazy<ILiveFeedGrain>(() => grains.GetGrain<ILiveFeedGrain>(0));
        _ranking = new Lazy<IRankingGrain>(() => grains.GetGrain<IRankingGrain>(GrainKeys.Plan(plan.Id)));
        _window = new PublishWindow<Waiting>(Send);
    }

    /// <summary>Queues a unit's <paramref name="card"/> for the ranking (a ranked unit's score, light or counts changed)
    /// and / or the wall's feed (what a wall shows of the unit changed).</summary>
    public void Publish(UnitCard card, bool ranking, bool feed)
    {
        if (!ranking && !feed) return;
        _window.Add(card.Unit, new Waiting(card, ranking, feed),
            (earlier, later) => later with { Ranking = later.Ranking || earlier.Ranking, Feed = later.Feed || earlier.Feed });
    }

    /// <summary>Sends whatever waits now, without waiting for the window.</summary>
    public void FlushNow() => _window.FlushNow();

    /// <summary>Cards handed on so far (a card superseded within the window is not counted).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Batches sent so far: each is at most one message to the ranking and one to the feed.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    private long _sent;
    private long _flushes;

    private void Send(Dictionary<string, Waiting> batch)
    {
        Interlocked.Add(ref _sent, batch.Count);
        Interlocked.Increment(ref _flushes);
        var feed = batch.Values.Where(w => w.Feed).Select(w => w.Card).ToImmutableArray();
        var ranking = batch.Values.Where(w => w.Ranking).Select(w => w.Card).ToImmutableArray();
        if (!feed.IsEmpty)
        {
            OneWayMessages.Send(_logger, "live feed", () => _feed.Value.PublishAsync(new LiveChanges { Units = feed }));
        }
        if (!ranking.IsEmpty)
        {
            OneWayMessages.Send(_logger, "ranking", () => _ranking.Value.ReportCardsAsync(ranking));
        }
    }
}
