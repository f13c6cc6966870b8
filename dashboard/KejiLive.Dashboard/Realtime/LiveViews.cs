using System.Collections.Immutable;
using KejiLive.Dashboard.Endpoints;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;

namespace KejiLive.Dashboard.Realtime;

/// <summary>Builds the full snapshots a client gets when it starts watching (or after a gap).</summary>
public sealed class LiveViews(IGrainFactory grains, PlanDocument plan, PlanClock clock)
{
    public async Task<WallView> WallAsync(long seq)
    {
        var cities = await Task.WhenAll(plan.Targets.Select(t => grains.GetGrain<ICityTargetGrain>(t.Id).GetAsync()));
        var cards = await Task.WhenAll(plan.Units.Select(u => grains.GetGrain<IUnitGrain>(u.Id).GetScorecardAsync()));
        var ranking = await grains.GetGrain<IRankingGrain>(GrainKeys.Plan(plan.Id)).GetRankingAsync();
        var citySnapshots = cities.Select(c => c.City).ToImmutableArray();
        var alerts = (await Alerts(null)).Where(a => a.State is "open" or "acknowledged").ToImmutableArray();
        return new WallView(LiveGroups.Wall, seq, clock.GetUtcNow(), citySnapshots.Max(c => c.LastReceivedAt),
            plan.SampleSplit, Notice, citySnapshots, [.. cards.Select(ToCard)], ranking, UnitScore.Rule, alerts);
    }

    public async Task<UnitView> UnitAsync(string unitId, long seq)
    {
        var card = await grains.GetGrain<IUnitGrain>(unitId).GetScorecardAsync();
        return new UnitView(LiveGroups.Unit(unitId), seq, clock.GetUtcNow(), card.Targets.Max(t => t.LastReceivedAt),
            plan.SampleSplit, Notice, card, await Alerts(unitId));
    }

    public async Task<TargetView> TargetAsync(string targetId, long seq)
    {
        var city = await grains.GetGrain<ICityTargetGrain>(targetId).GetAsync();
        var alerts = (await Alerts(null)).Where(a => a.Target == targetId).ToImmutableArray();
        return new TargetView(LiveGroups.Target(targetId), seq, clock.GetUtcNow(), city.City.LastReceivedAt,
            plan.SampleSplit, Notice, city, alerts);
    }

    private string? Notice => plan.SampleSplit ? ApiJson.SampleNotice : null;

    private Task<ImmutableArray<AlertView>> Alerts(string? unit) =>
        grains.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(plan.Id)).QueryAsync(unit, null);

    private static UnitCard ToCard(UnitScorecard s) => new()
    {
        Unit = s.Unit,
        WorstLight = s.WorstLight,
        NotReportedTargets = s.NotReportedTargets,
        Score = s.Score,
        Rank = s.Rank,
        JudgedAt = s.Targets.IsEmpty ? default : s.Targets.Max(t => t.JudgedAt),
    };
}
