using System.Collections.Immutable;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>Every alert of the plan (key: plan id), for <c>GET /api/alerts</c>, the wall's ticker and the units' inboxes.
/// A view: rebuilt from the alerts grains on activation, kept current by their one-way updates. After changes it
/// publishes the plan-wide <see cref="AlertTally"/> to the live feed (at most one per 50 ms), so walls keep true totals
/// while they list only the newest alerts.</summary>
public interface IAlertIndexGrain : IGrainWithStringKey
{
    [OneWay]
    Task UpdateAsync(ImmutableArray<AlertView> alerts);

    /// <summary>As <see cref="UpdateAsync"/>, but answered once the index holds them: the API calls it after a person's
    /// answer, close or reopen, so the list that person's page reads next already shows the change (the alerts grain's
    /// own one-way update may still be on its way).</summary>
    Task KeepAsync(ImmutableArray<AlertView> alerts);

    /// <summary>Sends the city office the day's digest of live alerts, once per day (repeats are dropped by the outboxes'
    /// idempotency keys). Called by the judge scheduler on working days from 09:00 Asia/Shanghai.</summary>
    Task SendDailyDigestAsync(DateOnly day);

    /// <summary>Alerts filtered by unit and state (null = any), newest change first.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<AlertView>> QueryAsync(string? unit, string? state);

    /// <summary>One page of alerts with the total and the counts (see <see cref="AlertPageQuery"/>), from maintained
    /// orders: no sort per call.</summary>
    [AlwaysInterleave]
    Task<AlertPage> PageAsync(AlertPageQuery query);

    /// <summary>The newest live alerts (newest change first; all when <paramref name="limit"/> is null) of a unit, or of
    /// every unit for null, with the ticker's figures over all of them.</summary>
    [AlwaysInterleave]
    Task<AlertWall> WallAsync(string? unit, int? limit);
}
