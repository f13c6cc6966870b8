using System.Diagnostics.CodeAnalysis;

namespace KejiLive.Storage.Tests;

/// <summary>The smallest <see cref="IGrainState{T}"/>, as a grain's state bridge would hand to the storage.</summary>
internal sealed class TestGrainState<T>(T state) : IGrainState<T>
{
    // The interface allows a null state (a storage may reset it to default); reads here are of non-null states.
    [AllowNull]
    public T State { get; set; } = state;

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
