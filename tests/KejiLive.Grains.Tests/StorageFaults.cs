using KejiLive.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace KejiLive.Grains.Tests;

/// <summary>Fails grain state writes on demand: while armed, every write of the named state whose grain key contains
/// the given text throws before it reaches the real storage underneath (so nothing is stored).</summary>
public sealed class StorageFaults
{
    private readonly Lock _gate = new();
    private string? _stateName;
    private string _keyContains = "";

    /// <summary>Writes refused since the last <see cref="Arm"/>.</summary>
    public int Refused { get; private set; }

    public void Arm(string stateName, string keyContains = "")
    {
        lock (_gate) (_stateName, _keyContains, Refused) = (stateName, keyContains, 0);
    }

    public void Disarm()
    {
        lock (_gate) _stateName = null;
    }

    internal bool ShouldFail(string stateName, GrainId grainId)
    {
        lock (_gate)
        {
            if (_stateName != stateName || !grainId.Key.ToString()!.Contains(_keyContains, StringComparison.Ordinal)) return false;
            Refused++;
            return true;
        }
    }
}

/// <summary>The storage the grains see in a test cluster with <see cref="StorageFaults"/>: the real storage, with writes
/// that fail while the faults say so.</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, StorageFaults faults) : IGrainStorage
{
    /// <summary>The SQLite storage named <see cref="StorageNames.Keji"/>; with faults, registered under another name and
    /// wrapped.</summary>
    public static ISiloBuilder AddSqlite(ISiloBuilder silo, string path, StorageFaults? faults)
    {
        if (faults is null) return silo.AddSqliteGrainStorage(StorageNames.Keji, o => o.DatabasePath = path);
        const string real = StorageNames.Keji + "-real";
        silo.AddSqliteGrainStorage(real, o => o.DatabasePath = path);
        silo.Services.AddGrainStorage(StorageNames.Keji, (sp, _) => new FaultyGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(real), faults));
        return silo;
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.ShouldFail(stateName, grainId)
            ? Task.FromException(new IOException($"injected storage failure writing '{stateName}' of {grainId}"))
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
