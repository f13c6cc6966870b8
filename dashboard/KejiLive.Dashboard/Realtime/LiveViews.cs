using System.Collections.Immutable;
using KejiLive.Dashboard.Endpoints;
using KejiLive.Domain.Planning;
using KejiLive.Domain.Progress;
using KejiLive.Domain.Views;
using KejiLive.Grains.Abstractions.Alerts;
using KejiLive.Grains.Abstractions.Interfaces;
using KejiLive.Grains.Abstractions.Keys;
using KejiLive.Grains.Abstractions.Messages;
using KejiLive.Grains.Abstractions.Time;

namespace KejiLive.Dashboard.Realtime;

/// <summary>Builds the full snapshots a client gets when it starts watching (or after a gap).</summary>
public sealed class LiveViews(IGrainFactory grains, PlanDocument plan, PlanClock clock)
{
    /// <summary>The wall: every city target's figures, then the units as a wall shows them. Up to
    /// <see cref="WallLimits.ShowAllUpTo"/> ranked units, every unit's card and the whole ranking; beyond, the leaders and
    /// laggards with their cards and the counts by light (from the ranking grain's maintained view, never one call per
    /// unit), and at most <see cref="WallLimits.Alerts"/> open 督办 with the ticker's figures over all of them.</summary>
    /// <remarks><paramref name="alertScope"/>: a unit user's unit (only its 督办 are listed and counted), null for all.</remarks>
    public async Task<WallView> WallAsync(long seq, string? alertScope = null)
    {
        var citySnapshots = (await Task.WhenAll(plan.Targets.Select(t => grains.GetGrain<ICityTargetGrain>(t.Id).GetCityAsync()))).ToImmutableArray();
        var board = await grains.GetGrain<IRankingGrain>(GrainKeys.Plan(plan.Id)).GetBoardAsync();
        var allUnits = board.Counts.Units <= WallLimits.ShowAllUpTo;
        var cards = allUnits
            ? [.. (await Task.WhenAll(plan.Units.Select(u => grains.GetGrain<IUnitGrain>(u.Id).GetScorecardAsync()))).Select(ToCard)]
            : board.Cards;
        // A unit user's wall lists all of its unit's live 督办 (a unit has a few), so its page can keep their figures from
        // the list; everyone else's a large plan's newest, with the plan-wide figures kept current by the hub.
        var ticker = alertScope == ""
            ? new AlertWall { Tally = new AlertTally { Unit = "" } }
            : await grains.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(plan.Id)).WallAsync(alertScope, allUnits || alertScope is not null ? null : WallLimits.Alerts);
        return new WallView(LiveGroups.Wall, seq, clock.GetUtcNow(), citySnapshots.Max(c => c.LastReceivedAt),
            plan.SampleSplit, Notice, citySnapshots, cards, board.Ranking, UnitScore.Rule, ticker.Alerts)
        {
            AllUnits = allUnits,
            Counts = board.Counts,
            AlertCount = ticker.Tally.Live,
            AlertTally = ticker.Tally,
        };
    }

    public async Task<UnitView> UnitAsync(string unitId, long seq, string? alertScope = null)
    {
        var card = await grains.GetGrain<IUnitGrain>(unitId).GetScorecardAsync();
        return new UnitView(LiveGroups.Unit(unitId), seq, clock.GetUtcNow(), card.Targets.Max(t => t.LastReceivedAt),
            plan.SampleSplit, Notice, card, alertScope is null || alertScope == unitId ? await Alerts(unitId) : []);
    }

    public async Task<TargetView> TargetAsync(string targetId, long seq, string? alertScope = null)
    {
        // A large target's page shows its units worst first one page at a time (the browser pages on over REST).
        var grain = grains.GetGrain<ICityTargetGrain>(targetId);
        var city = plan.FindTarget(targetId)?.Assignments.Length > TargetPageLimits.ShowAllUpTo
            ? await grain.GetWorstFirstPageAsync(0, TargetPageLimits.PageSize)
            : await grain.GetAsync();
        // The page lists live 督办 only, most severe first: the index's maintained order gives the first page and the
        // total without shipping every alert of the plan here (7,000 and more at 2,850 units).
        var alerts = alertScope == "" ? null : await grains.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(plan.Id)).PageAsync(new AlertPageQuery
        {
            Unit = alertScope, Target = targetId, State = "live", Order = AlertOrders.Urgent, Limit = TargetPageLimits.Alerts,
        });
        return new TargetView(LiveGroups.Target(targetId), seq, clock.GetUtcNow(), city.City.LastReceivedAt,
            plan.SampleSplit, Notice, city, alerts?.Items ?? []) { AlertCount = alerts?.Total ?? 0 };
    }


    private string? Notice => plan.SampleSplit ? ApiJson.SampleNotice : null;

    /// <summary>The unit's alerts, or every alert for null. An empty unit (a unit user whose token names none) has none.</summary>
    private async Task<ImmutableArray<AlertView>> Alerts(string? unit) =>
        unit == "" ? [] : await grains.GetGrain<IAlertIndexGrain>(GrainKeys.Plan(plan.Id)).QueryAsync(unit, null);

    private static UnitCard ToCard(UnitScorecard s) => new()
    {
        Unit = s.Unit,
        WorstLight = s.WorstLight,
        NotReportedTargets = s.NotReportedTargets,
        Score = s.Score,
        Rank = s.Rank,
        JudgedAt = s.Targets.IsEmpty ? default : s.Targets.Max(t => t.JudgedAt),
        RedTargets = s.Targets.Count(t => t.Light == "red"),
        YellowTargets = s.Targets.Count(t => t.Light == "yellow"),
        PendingReviewTargets = s.Targets.Count(t => t.PendingReview),
        JudgedTargets = s.Targets.Count(t => t.Light != "grey"),
    };
}
