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
/// one-way updates. Its 赛马 score (<see cref="UnitScore"/>) goes to the plan's ranking grain.</summary>
public sealed class UnitGrain(PlanDocument plan) : Grain, IUnitGrain
{
    private readonly Dictionary<string, TargetSnapshot> _targets = new(StringComparer.Ordinal);
    private ReportingUnit _unit = null!;
    private UnitCard? _sentCard;
    private UnitCard? _publishedCard;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        _unit = plan.FindUnit(id) ?? throw new InvalidOperationException($"Unit '{id}' is not in plan '{plan.Id}'.");
        var held = plan.Targets.Where(t => t.AssignmentFor(id) is not null).ToList();
        var snapshots = await Task.WhenAll(held.Select(t =>
            GrainFactory.GetGrain<ITargetGrain>(GrainKeys.Target(t.Id, id)).GetSnapshotAsync()));
        foreach (var s in snapshots) Keep(s);
        await SendCardAsync();
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
        await SendCardAsync();
        await PublishCardAsync();
        if (notReportedChanged) await ObserveAlertsAsync();
    }

    public Task<double?> GetScoreAsync() => Task.FromResult(Score());

    public Task<UnitCard> GetCardAsync() => Task.FromResult(Card());

    public Task ObserveAlertsAsync() =>
        GrainFactory.GetGrain<IAlertsGrain>(GrainKeys.UnitAlerts(_unit.Id)).ObserveUnitAsync([.. _targets.Values]);

    public async Task<UnitScorecard> GetScorecardAsync()
    {
        var score = Score();
        int? rank = null;
        var ranked = 0;
        if (_unit.IsRanked)
        {
            // The place alone: a scorecard never carries (or fetches) the whole ranking.
            var place = await GrainFactory.GetGrain<IRankingGrain>(GrainKeys.Plan(plan.Id)).GetPlaceAsync(_unit.Id);
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
    }

    private double? Score()
    {
        var pairs = _targets.Values
            .Select(s => (Target: plan.FindTarget(s.Target)!, Evaluation: SnapshotMapper.ToEvaluation(s)))
            .ToList();
        return UnitScore.Compute(pairs);
    }

    /// <summary>Sends the unit's card (score, worst light, 未报送 count) to the ranking grain when it changed.</summary>
    private async Task SendCardAsync()
    {
        if (!_unit.IsRanked) return;
        var card = Card();
        if (_sentCard is not null && _sentCard with { JudgedAt = default } == card with { JudgedAt = default }) return;
        _sentCard = card;
        await GrainFactory.GetGrain<IRankingGrain>(GrainKeys.Plan(plan.Id)).ReportCardAsync(card);
    }

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

    /// <summary>Pushes the unit's card when its light, 未报送 count or score changed.</summary>
    private async Task PublishCardAsync()
    {
        var card = Card();
        if (_publishedCard is not null && _publishedCard with { JudgedAt = default } == card with { JudgedAt = default }) return;
        _publishedCard = card;
        await GrainFactory.GetGrain<ILiveFeedGrain>(0).PublishAsync(new LiveChanges { Units = [card] });
    }
}
