using System.Collections.Immutable;

namespace KejiLive.Domain.Alerts;

/// <summary>The result of observing one alert key: the new track, the notices to put in the outbox (in order), and the
/// next instant the key needs looking at even without a new report (pending or hold ending, escalation or reminder
/// due); null when only a new report or a new day can change anything.</summary>
public sealed record TrackStep(AlertTrack Track, ImmutableArray<AlertNotice> Notices, DateTimeOffset? NextCheckAt);
