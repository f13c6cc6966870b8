using System.Collections.Immutable;

namespace KejiLive.Storage.Tests;

internal enum ReportStatus
{
    Draft,
    Accepted,
}

internal sealed record Reading(DateOnly Day, double? Value);

/// <summary>State shaped like the app's: init-only properties, immutable collections, nullables, an enum.</summary>
internal sealed record TargetState
{
    public string Title { get; init; } = "";

    public ImmutableArray<Reading> Readings { get; init; } = [];

    public DateOnly? Deadline { get; init; }

    public DateTimeOffset SubmittedAt { get; init; }

    public double? Score { get; init; }

    public ReportStatus Status { get; init; }

    public int Revision { get; init; }
}

/// <summary>A positional record: no parameterless constructor.</summary>
internal sealed record PositionalState(string Name, ImmutableArray<int> Values, DateOnly Day, double? Average);

/// <summary>A clock that always says the same time.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>A positional record with what the app's alert state has: a Chinese name and properties computed from the
/// rest (a getter only, no constructor parameter), which reading could never set.</summary>
internal sealed record ComputedState(string Name, ImmutableArray<int> Values)
{
    public int Count => Values.IsDefault ? 0 : Values.Length;

    public IEnumerable<int> Doubled => Values.Select(v => v * 2);
}
