using System.Collections.Immutable;
using Orleans.Concurrency;

namespace KejiLive.Grains.Abstractions.Alerts;

/// <summary>The plan's silences (key: plan id), stored durably.</summary>
public interface ISilenceGrain : IGrainWithStringKey
{
    /// <summary>Adds a silence; returns it with its id, or the field and reason it was refused.</summary>
    Task<(SilenceView? Silence, string? Field, string? Message)> AddAsync(SilenceView silence);

    Task<bool> RemoveAsync(string id);

    [AlwaysInterleave]
    Task<ImmutableArray<SilenceView>> ListAsync();
}
