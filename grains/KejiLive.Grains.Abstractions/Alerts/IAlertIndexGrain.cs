using System.Collections.Immutable;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>Every alert of the plan (key: plan id), for <c>GET /api/alerts</c>, the wall's ticker and the units' inboxes.
/// A view: rebuilt from the alerts grains on activation, kept current by their one-way updates.</summary>
public interface IAlertIndexGrain : IGrainWithStringKey
{
    [OneWay]
    Task UpdateAsync(ImmutableArray<AlertView> alerts);

    /// <summary>Sends the city office the day's digest of live alerts, once per day (repeats are dropped by the outboxes'
    /// idempotency keys). Called by the judge scheduler on working days from 09:00 Asia/Shanghai.</summary>
    Task SendDailyDigestAsync(DateOnly day);

    /// <summary>Alerts filtered by unit and state (null = any), newest change first.</summary>
    [AlwaysInterleave]
    Task<ImmutableArray<AlertView>> QueryAsync(string? unit, string? state);
}
