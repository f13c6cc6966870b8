using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Messages;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Interfaces;

/// <summary>A reporting unit's scorecard (key: unit id): every target it holds, its 赛马 score and its rank.</summary>
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>Some of the unit's targets changed (a batch from one silo's <c>JudgementPublisher</c>). One-way.</summary>
    [OneWay]
    Task UpdateTargetsAsync(ImmutableArray<TargetSnapshot> snapshots);

    Task<UnitScorecard> GetScorecardAsync();

    /// <summary>Runs the unit-level alert rules (未报送) on the unit's current targets: called by the judge scheduler at
    /// every tick, so reminders and escalations come due without a new report. One-way.</summary>
    [OneWay]
    Task ObserveAlertsAsync();

    /// <summary>The unit's 赛马 score, or null when nothing can be judged yet. Interleaves: the ranking grain asks for it
    /// while rebuilding, and this grain may be sending it a score at the same moment.</summary>
    [AlwaysInterleave]
    Task<double?> GetScoreAsync();

    /// <summary>The unit's card (worst light, 未报送 count, score), as the ranking grain keeps it. Interleaves for the
    /// same reason as <see cref="GetScoreAsync"/>.</summary>
    [AlwaysInterleave]
    Task<UnitCard> GetCardAsync();
}
