using System.Collections.Immutable;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Mapping;

namespace KejiLive.Grains;

/// <summary>A unit's scorecard: a view over the unit's target grains, rebuilt on activation, kept current by their
/// one-way updates. Its 赛马 score (<see cref="UnitScore"/>) goes to the plan's ranking grain. It also lends its targets
/// the unit's pace: each is told what the unit's other targets say of it (<see cref="UnitPace.Borrow"/>).</summary>
public sealed class UnitGrain(PlanDocument plan, UnitCardPublisher cards) : Grain, IUnitGrain
{
    private readonly Dictionary<string, TargetSnapshot> _targets = new(StringComparer.Ordinal);
    // Each held snapshot as the score reads it, mapped once when it arrives (same keys, same order as _targets): the
    // card is built after every update and used to map all of them again, each with two time-zone conversions.
    private readonly Dictionary<string, (TargetDefinition Target, TargetEvaluation Evaluation)> _scored = new(StringComparer.Ordinal);
    private ReportingUnit _unit = null!;
    private UnitCard? _sentCard;
    private UnitCard? _publishedCard;
    private IAlertsGrain? _alerts;
    private IRankingGrain? _ranking;
    // What each target grain was last told of the unit's pace (absent: not told since this activation).
    private readonly Dictionary<string, BorrowedPace?> _told = new(StringComparer.Ordinal);
    private IGrainTimer? _lending;
    private bool _lendingArmed;

    /// <summary>How long the unit grain gathers its targets' changes before it tells them the unit's pace: a burst of
    /// reports (an upload of all the unit's targets, an import, a load test) tells each target once instead of after every
    /// report. A forecast is a slow signal; half a minute is not seen on the target page. Measured: telling after every
    /// report cost about 15–20% more silo CPU per report over HTTP at 200 units (<c>mode=scale</c>).</summary>
    public static readonly TimeSpan LendDelay = TimeSpan.FromSeconds(30);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        _unit = plan.FindUnit(id) ?? throw new InvalidOperationException($"Unit '{id}' is not in plan '{plan.Id}'.");
        var held = plan.Targets.Where(t => t.AssignmentFor(id) is not null).ToList();
        var snapshots = await Task.WhenAll(held.Select(t =>
            GrainFactory.GetGrain<ITargetGrain>(GrainKeys.Target(t.Id, id)).GetSnapshotAsync()));
        foreach (var s in snapshots) Keep(s);
        PublishCard(feed: false);
        LendSoon();
    }

    public async Task UpdateTargetsAsync(ImmutableArray<TargetSnapshot> snapshots)
    {
        var notReportedChanged = false;
        foreach (var snapshot in snapshots)
        {
            var notReportedBefore = _targets.TryGetValue(snapshot.Target, out var held) && held.NotReported;
            Keep(snapshot);
            notReportedChanged |= _targets[snapshot.Target].NotReported != notReportedBefore;
        }
        PublishCard(feed: true);
        if (notReportedChanged) await ObserveAlertsAsync();
        LendSoon();
    }

    /// <summary>Arms the one-shot lending timer unless it is armed already (so a steady stream of reports still lends
    /// every <see cref="LendDelay"/>, not never).</summary>
    private void LendSoon()
    {
        if (_lendingArmed) return;
        _lendingArmed = true;
        _lending ??= this.RegisterGrainTimer(LendAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        _lending.Change(LendDelay, Timeout.InfiniteTimeSpan);
    }

    private async Task LendAsync(CancellationToken cancellationToken)
    {
        _lendingArmed = false;
        await LendPaceAsync();
    }

    /// <summary>Tells each of the unit's targets with a pace of its own (count, range and growth targets with figures
    /// that cover some of the plan) what the unit's other targets say of its pace (<see cref="UnitPace.Borrow"/> over
    /// the paces their snapshots carry, in steps of <see cref="UnitPace.Step"/>), when it changed since last told; after
    /// an activation each is told once, so none keeps a pace from before. A target's own pace does not
    /// depend on what it is told, so the snapshot it publishes after it changes nothing here.</summary>
    private async Task LendPaceAsync()
    {
        var paces = _scored.Values.Select(s => s.Evaluation.OwnPace).OfType<OwnPace>().ToList();
        foreach (var (targetId, (_, evaluation)) in _scored)
        {
            // Only a target with figures of its own uses its unit's pace: the others are told once they have some.
            if (evaluation.OwnPace is null) continue;
            var unit = UnitPace.Borrow(paces, targetId);
            if (_told.TryGetValue(targetId, out var told) && told == unit) continue;
            _told[targetId] = unit;
            await GrainFactory.GetGrain<ITargetGrain>(GrainKeys.Target(targetId, _unit.Id))
                .SetUnitPaceAsync(unit?.Level, unit?.Targets ?? 0, unit?.Rise, unit?.RiseTargets ?? 0);
        }
    }

    public Task<double?> GetScoreAsync() => Task.FromResult(Score());

    public Task<UnitCard> GetCardAsync() => Task.FromResult(Card());

    public Task ObserveAlertsAsync() =>
        (_alerts ??= GrainFactory.GetGrain<IAlertsGrain>(GrainKeys.UnitAlerts(_unit.Id))).ObserveUnitAsync([.. _targets.Values]);

    public async Task<UnitScorecard> GetScorecardAsync()
    {
        var score = Score();
        int? rank = null;
        var ranked = 0;
        if (_unit.IsRanked)
        {
            // The place alone: a scorecard never carries (or fetches) the whole ranking.
            var place = await (_ranking ??= GrainFactory.GetGrain<IRankingGrain>(GrainKeys.Plan(plan.Id))).GetPlaceAsync(_unit.Id);
            ranked = place.RankedUnits;
            rank = place.Rank;
        }
        var order = plan.Targets.Select(t => t.Id).ToList();
        return new UnitScorecard
        {
            Unit = _unit.Id,
            Score = score,
            Rank = rank,
            RankedUnits = ranked,
            WorstLight = WorstLight(),
            NotReportedTargets = _targets.Values.Count(t => t.NotReported),
            Targets = [.. _targets.Values.OrderBy(t => order.IndexOf(t.Target))],
        };
    }

    private void Keep(TargetSnapshot snapshot)
    {
        if (_targets.TryGetValue(snapshot.Target, out var known) && known.JudgedAt > snapshot.JudgedAt) return;
        _targets[snapshot.Target] = snapshot;
        _scored[snapshot.Target] = (plan.FindTarget(snapshot.Target)!, SnapshotMapper.ToEvaluation(snapshot));
    }

    private double? Score() => UnitScore.Compute([.. _scored.Values]);

    /// <summary>Hands the unit's card to the silo's <see cref="UnitCardPublisher"/>: for the ranking grain when its
    /// score, worst light or counts changed (ranked units only), and for the wall's feed likewise when
    /// <paramref name="feed"/>. Both leave in the publisher's next batch.</summary>
    private void PublishCard(bool feed)
    {
        var card = Card();
        var ranking = _unit.IsRanked && !SameCard(_sentCard, card);
        if (ranking) _sentCard = card;
        feed = feed && !SameCard(_publishedCard, card);
        if (feed) _publishedCard = card;
        cards.Publish(card, ranking, feed);
    }

    private static bool SameCard(UnitCard? sent, UnitCard card) =>
        sent is not null && sent with { JudgedAt = default } == card with { JudgedAt = default };

    private UnitCard Card() => new()
    {
        Unit = _unit.Id,
        WorstLight = WorstLight(),
        NotReportedTargets = _targets.Values.Count(t => t.NotReported),
        Score = Score(),
        JudgedAt = _targets.Count == 0 ? default : _targets.Values.Max(t => t.JudgedAt),
        RedTargets = _targets.Values.Count(t => t.Light == "red"),
        YellowTargets = _targets.Values.Count(t => t.Light == "yellow"),
        PendingReviewTargets = _targets.Values.Count(t => t.PendingReview),
        JudgedTargets = _targets.Values.Count(t => t.Light != "grey"),
    };

    private string WorstLight() =>
        _targets.Values.Select(t => t.Light).OrderByDescending(LightNames.Severity).FirstOrDefault() ?? "grey";
}
