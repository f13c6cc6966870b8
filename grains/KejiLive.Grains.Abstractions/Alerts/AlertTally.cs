using System.Collections.Immutable;

namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>The wall ticker's figures over every live (open or acknowledged) 督办 of a scope — the whole plan, or one
/// unit (<see cref="Unit"/>) — however few of them a wall lists: 未办结 (<see cref="Live"/>), 待答复, 已答复, the units
/// with the most, and the oldest unanswered one. Kept by the alert index as alerts change.</summary>
[GenerateSerializer, Alias("keji.alert-tally")]
public sealed record AlertTally
{
    /// <summary>Grows with every change the index applies (seeded from real time when the index activates), so that of
    /// two tallies the larger is the newer.</summary>
    [Id(0)] public long Version { get; init; }

    /// <summary>The unit these figures are for; null for every unit.</summary>
    [Id(1)] public string? Unit { get; init; }

    /// <summary>待答复: open.</summary>
    [Id(2)] public int Open { get; init; }

    /// <summary>已答复: acknowledged.</summary>
    [Id(3)] public int Acknowledged { get; init; }

    /// <summary>The units with the most live 督办 (most first, ties by unit id), at most three.</summary>
    [Id(4)] public ImmutableArray<UnitAlertCount> TopUnits { get; init; } = [];

    /// <summary>The open 督办 that has waited longest for an answer — since it was opened or last reopened, whichever is
    /// later (ties by id); null when none is open. A 督办 answered, resolved or closed and then reopened waits anew.</summary>
    [Id(5)] public AlertRef? OldestOpen { get; init; }

    /// <summary>未办结: open and acknowledged.</summary>
    public int Live => Open + Acknowledged;
}

/// <summary>A unit and how many live 督办 it has.</summary>
[GenerateSerializer, Alias("keji.unit-alert-count")]
public sealed record UnitAlertCount([property: Id(0)] string Unit, [property: Id(1)] int Count);

/// <summary>Enough of a 督办 to name it on a wall: id, unit, target (null: unit-level), when it was first opened and
/// when its current wait for an answer began (<see cref="AwaitingSince"/>: the open or the latest reopen).</summary>
[GenerateSerializer, Alias("keji.alert-ref")]
public sealed record AlertRef(
    [property: Id(0)] string Id,
    [property: Id(1)] string Unit,
    [property: Id(2)] string? Target,
    [property: Id(3)] DateTimeOffset OpenedAt)
{
    /// <summary>When the current wait for an answer began; what a wall ages "最久待答复" from.</summary>
    [Id(4)] public DateTimeOffset AwaitingSince { get; init; }
}
