using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Views;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Messages;

namespace KejiLive.Grains;

/// <summary>The 赛马 ranking and the wall's unit counts: a maintained view (<see cref="RankingOrder"/>) over the ranked
/// units' cards, rebuilt from the unit grains on activation and kept current by their one-way updates. A change costs
/// O(log n); what it publishes is what a wall shows (<see cref="WallLimits"/>), never the whole ranking of a large plan.</summary>
public sealed class RankingGrain(PlanDocument plan) : Grain, IRankingGrain
{
    private readonly RankingOrder _order = new();
    private readonly Dictionary<string, UnitCard> _cards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _lights = new(StringComparer.Ordinal);
    private int _notReportedUnits;
    private int _rankedUnits;
    private ImmutableArray<RankingEntry> _published = [];
    private WallCounts? _publishedCounts;
    private ImmutableArray<UnitCard> _publishedCards = [];
    private ILiveFeedGrain? _feed;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var units = plan.Units.Where(u => u.IsRanked).ToList();
        _rankedUnits = units.Count;
        var cards = await Task.WhenAll(units.Select(u => GrainFactory.GetGrain<IUnitGrain>(u.Id).GetCardAsync()));
        foreach (var card in cards) Keep(card);
    }

    public async Task ReportCardsAsync(ImmutableArray<UnitCard> cards)
    {
        foreach (var card in cards) Keep(card);
        await PublishAsync();
    }

    public Task<ImmutableArray<RankingEntry>> GetRankingAsync() => Task.FromResult(ToEntries(_order.All()));

    public Task<UnitPlace> GetPlaceAsync(string unitId) =>
        Task.FromResult(new UnitPlace { Rank = _order.PlaceOf(unitId), RankedUnits = _order.Count });

    public Task<WallBoard> GetBoardAsync()
    {
        var ranking = WallRanking();
        return Task.FromResult(new WallBoard
        {
            Counts = Counts(),
            Ranking = ranking,
            Cards = CardsOf(ranking),
            Complete = ranking.Length == _order.Count,
        });
    }

    private ImmutableArray<UnitCard> CardsOf(ImmutableArray<RankingEntry> ranking) =>
        [.. ranking.Where(r => _cards.ContainsKey(r.Unit)).Select(r => _cards[r.Unit] with { Rank = r.Rank })];

    private void Keep(UnitCard card)
    {
        if (_cards.TryGetValue(card.Unit, out var known))
        {
            if (known.JudgedAt > card.JudgedAt) return;
            _lights[known.WorstLight]--;
            if (known.NotReportedTargets > 0) _notReportedUnits--;
        }
        _cards[card.Unit] = card;
        _lights[card.WorstLight] = _lights.GetValueOrDefault(card.WorstLight) + 1;
        if (card.NotReportedTargets > 0) _notReportedUnits++;
        _order.Set(card.Unit, card.Score);
    }

    private WallCounts Counts()
    {
        var green = _lights.GetValueOrDefault("green");
        var yellow = _lights.GetValueOrDefault("yellow");
        var red = _lights.GetValueOrDefault("red");
        return new WallCounts
        {
            Units = _rankedUnits,
            RankedUnits = _order.Count,
            Green = green,
            Yellow = yellow,
            Red = red,
            Grey = Math.Max(0, _rankedUnits - green - yellow - red),
            NotReportedUnits = _notReportedUnits,
        };
    }

    private ImmutableArray<RankingEntry> WallRanking() =>
        ToEntries(_order.ForWall(WallLimits.ShowAllUpTo, WallLimits.Leaders, WallLimits.Laggards));

    private static ImmutableArray<RankingEntry> ToEntries(ImmutableArray<RankedUnit> ranked) =>
        [.. ranked.Select(r => new RankingEntry { Unit = r.Unit, Score = r.Score, Rank = r.Rank })];

    /// <summary>Pushes the wall's ranking and counts when what a wall shows of them changed: O(k + log n).</summary>
    private async Task PublishAsync()
    {
        var ranking = WallRanking();
        // A wall that shows every unit counts them itself and gets every unit's card from the unit grains: counts and
        // the listed units' cards travel only for large plans.
        var large = _rankedUnits > WallLimits.ShowAllUpTo;
        var counts = large ? Counts() : null;
        var cards = large ? CardsOf(ranking) : [];
        var rankingChanged = !ranking.SequenceEqual(_published);
        var countsChanged = counts is not null && counts != _publishedCounts;
        var changedCards = cards.Where(c => !_publishedCards.Contains(c)).ToImmutableArray();
        if (!rankingChanged && !countsChanged && changedCards.IsEmpty) return;
        _published = ranking;
        _publishedCounts = counts;
        _publishedCards = cards;
        await (_feed ??= GrainFactory.GetGrain<ILiveFeedGrain>(0)).PublishAsync(new LiveChanges
        {
            Ranking = rankingChanged ? ranking : default,
            Counts = countsChanged ? counts : null,
            WallCards = changedCards,
        });
    }
}
