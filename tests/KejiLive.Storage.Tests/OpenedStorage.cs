using Orleans.Storage;

namespace KejiLive.Storage.Tests;

/// <summary>A grain storage of any engine as the contract tests drive it: the three storage calls, plus start and stop
/// as the silo lifecycle calls them, and dispose.</summary>
public sealed class OpenedStorage(IGrainStorage inner, Func<Task> start, Func<Task> stop) : IGrainStorage, IAsyncDisposable
{
    public IGrainStorage Inner => inner;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);

    /// <summary>Connects and creates the schema, as the silo lifecycle does.</summary>
    public Task StartAsync() => start();

    /// <summary>Drains queued writes and closes, as the silo lifecycle does on stop.</summary>
    public Task StopAsync() => stop();

    public async ValueTask DisposeAsync() => await stop();
}
