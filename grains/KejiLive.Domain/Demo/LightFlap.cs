using KejiLive.Domain.Progress;

namespace KejiLive.Domain.Demo;

/// <summary>A light that flapped: it changed <paramref name="From"/> → <paramref name="To"/> at <paramref name="ChangedAt"/>
/// and the very next change, at <paramref name="RevertedAt"/>, took it back to <paramref name="From"/> within the replay's
/// flap window.</summary>
/// <param name="Days">Shanghai calendar days between the two changes (0: the same day).</param>
public sealed record LightFlap(
    string TargetId,
    string UnitId,
    Light From,
    Light To,
    DateTimeOffset ChangedAt,
    DateTimeOffset RevertedAt,
    int Days);
