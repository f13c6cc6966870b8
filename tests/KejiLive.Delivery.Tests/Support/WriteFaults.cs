using KejiLive.Grains;
using KejiLive.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace KejiLive.Delivery.Tests.Support;

/// <summary>Makes writes of one named grain state fail on demand (before they reach SQLite, so nothing is stored); reads
/// and deletes go through.</summary>
internal sealed class WriteFaults
{
    private volatile string? _stateName;

    public void Arm(string stateName) => _stateName = stateName;

    public void Disarm() => _stateName = null;

    public bool ShouldFail(string stateName) => _stateName == stateName;

    /// <summary>The SQLite storage named <see cref="StorageNames.Keji"/>, its writes passing through <paramref name="faults"/>.</summary>
    public static ISiloBuilder AddSqlite(ISiloBuilder silo, string path, WriteFaults faults)
    {
        const string real = StorageNames.Keji + "-real";
        silo.AddSqliteGrainStorage(real, o => o.DatabasePath = path);
        silo.Services.AddGrainStorage(StorageNames.Keji, (sp, _) => new Storage(sp.GetRequiredKeyedService<IGrainStorage>(real), faults));
        return silo;
    }

    private sealed class Storage(IGrainStorage inner, WriteFaults faults) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
            faults.ShouldFail(stateName)
                ? Task.FromException(new IOException($"injected failure writing '{stateName}' of {grainId}"))
                : inner.WriteStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
    }
}
