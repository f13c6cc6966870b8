using System.Collections.Immutable;
using KejiLive.Grains.Abstractions.Reports;

namespace KejiLive.Grains.Reports;

/// <summary>Persisted state of a week's pack: the newest version's files and every version's summary. Ids are stable
/// forever: add new ones, never reorder or reuse.</summary>
[GenerateSerializer, Alias("keji.weekly-pack-state")]
public sealed record WeeklyPackState
{
    /// <summary>The newest version; null before the first generation.</summary>
    [Id(0)] public PackSummary? Current { get; init; }

    [Id(1)] public string Html { get; init; } = "";

    [Id(2)] public byte[] Xlsx { get; init; } = [];

    /// <summary>PNG charts by id.</summary>
    [Id(3)] public ImmutableDictionary<string, byte[]> Charts { get; init; } = ImmutableDictionary<string, byte[]>.Empty;

    /// <summary>The newest versions made (at most <see cref="WeeklyPackGrain.VersionsToKeep"/>), oldest first.</summary>
    [Id(4)] public ImmutableArray<PackSummary> Versions { get; init; } = [];

    /// <summary>The fingerprint of what <see cref="Current"/> was made of; a preview is rebuilt only when it changes.</summary>
    [Id(5)] public string? InputHash { get; init; }
}
